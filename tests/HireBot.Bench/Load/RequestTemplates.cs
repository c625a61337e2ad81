using System.Collections.Concurrent;
using System.Text;

namespace HireBot.Bench.Load;

/// <summary>
/// Keeps the load generator cheap, so the two cores measure the bot rather than the client: each
/// distinct request (kind, user, command) is built and signed once by <c>PlatformTraffic</c> and
/// then copied. Slack bodies are re-signed when their signature is a minute old (Slack accepts
/// five); Teams bodies get a fresh activity id spliced in per request, so replays stay distinct.
/// </summary>
public sealed class RequestTemplates(TimeProvider clock)
{
    private const string IdMarker = "@@ACTIVITY-ID@@";
    private readonly ConcurrentDictionary<string, Template> _templates = new();

    /// <summary>A copy of the request <paramref name="build"/> makes for <paramref name="key"/>, with <paramref name="activityId"/> spliced in where the template holds its marker.</summary>
    public HttpRequestMessage Make(string key, Func<string, HttpRequestMessage> build, string? activityId = null)
    {
        var now = clock.GetUtcNow();
        if (!_templates.TryGetValue(key, out var template) || now - template.BuiltAt > TimeSpan.FromMinutes(1))
            _templates[key] = template = Capture(build(IdMarker), now);
        var body = activityId is null ? template.Body : Splice(template, activityId);
        var request = new HttpRequestMessage(HttpMethod.Post, template.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", template.ContentType);
        foreach (var (name, value) in template.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static Template Capture(HttpRequestMessage request, DateTimeOffset now)
    {
        using (request)
        {
            var body = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            var marker = Encoding.UTF8.GetBytes(IdMarker);
            var at = body.AsSpan().IndexOf(marker);
            return new Template(
                request.RequestUri!.OriginalString, body, at, marker.Length,
                request.Content.Headers.ContentType!.ToString(),
                request.Headers.Select(h => (h.Key, string.Join(",", h.Value))).ToArray(), now);
        }
    }

    private static byte[] Splice(Template t, string activityId)
    {
        if (t.MarkerAt < 0) return t.Body;
        var id = Encoding.UTF8.GetBytes(activityId);
        var body = new byte[t.Body.Length - t.MarkerLength + id.Length];
        t.Body.AsSpan(0, t.MarkerAt).CopyTo(body);
        id.CopyTo(body.AsSpan(t.MarkerAt));
        t.Body.AsSpan(t.MarkerAt + t.MarkerLength).CopyTo(body.AsSpan(t.MarkerAt + id.Length));
        return body;
    }

    private sealed record Template(
        string Path, byte[] Body, int MarkerAt, int MarkerLength, string ContentType, (string Name, string Value)[] Headers, DateTimeOffset BuiltAt);
}
