namespace HireBot.Bench.Load;

/// <summary>One request to send, labelled with the platform it imitates (for per-platform latency).</summary>
public sealed record LoadRequest(string Platform, HttpRequestMessage Message);
