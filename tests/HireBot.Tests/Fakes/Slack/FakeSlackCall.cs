using System.Text.Json;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>One request FakeSlack received, as it saw it on the wire.</summary>
public sealed record FakeSlackCall(
    string Path, string Method, string? Authorization, string? ContentType, string Body, IReadOnlyDictionary<string, string> Form)
{
    /// <summary>When the fake received it, on the tests' clock.</summary>
    public DateTimeOffset At { get; init; } = HireBot.Tests.Support.TestClock.UtcNow;

    /// <summary>When the fake received the call (Stopwatch ticks), for latency measurements.</summary>
    public long ReceivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The body as JSON (throws when the call was not JSON, which fails the test).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
