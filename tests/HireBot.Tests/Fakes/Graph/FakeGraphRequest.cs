using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Graph;

/// <summary>One request as <see cref="FakeGraph"/> received it.</summary>
public sealed record FakeGraphRequest(
    string Method,
    string Path,
    string? Authorization,
    string? Prefer,
    string Body)
{
    /// <summary>
    /// The body with case-insensitive member lookup: the SDK names action parameters as Graph's
    /// metadata does ("Schedules"), the documentation in camelCase ("schedules").
    /// </summary>
    public JsonNode Json => JsonNode.Parse(Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true })!;
}
