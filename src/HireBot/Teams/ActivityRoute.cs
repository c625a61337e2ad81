using System.Text.Json;

namespace HireBot.Teams;

/// <summary>
/// The two activity fields the token checks need (<c>channelId</c>, <c>serviceUrl</c>), read
/// after the signature is verified and before the full activity is parsed.
/// </summary>
internal sealed record ActivityRoute(string ChannelId, string ServiceUrl)
{
    public static ActivityRoute? Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            var route = JsonSerializer.Deserialize<Wire>(body.Span, TeamsJson.Options);
            return string.IsNullOrEmpty(route?.ServiceUrl) ? null : new ActivityRoute(route.ChannelId ?? "", route.ServiceUrl);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Wire(string? ChannelId, string? ServiceUrl);
}
