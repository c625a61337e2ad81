namespace HireBot.Bench.Load;

/// <summary>
/// One request to send, labelled with its kind (for per-kind latency). <paramref name="ReplyKey"/>
/// names where its reply will show up at a fake platform (a Slack response_url hook id, or a Teams
/// conversation id), so the time to the delivered reply can be measured; null when the reply is the
/// acknowledgement's own body (a Teams invoke) or there is none (an empty GET).
/// </summary>
public sealed record LoadRequest(string Kind, HttpRequestMessage Message, string? ReplyKey = null);
