using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>One download of an image block's <c>image_url</c>, as the fake made it while a message was posted.</summary>
public sealed record FakeSlackImageFetch(string Url, int Status, string? ContentType, byte[] Bytes)
{
    public bool Succeeded => Status == 200 && FakeSlackImages.IsImage(ContentType, Bytes);
}

/// <summary>
/// Slack downloads the <c>image_url</c> of every image block when chat.postMessage or chat.update is
/// called and refuses the whole message when one cannot be fetched as an image (png, jpg, jpeg or gif,
/// the formats Slack shows): HTTP 200 {"ok":false,"error":"invalid_blocks","errors":["downloading image
/// failed [json-pointer:/blocks/N/image_url]"],…}, as reported in
/// https://github.com/slackapi/python-slack-sdk/issues/1782 and https://github.com/otiai10/amesh-bot/issues/24
/// (a localhost URL). The fake reaches loopback URLs, which real Slack cannot: tests point chart URLs at
/// the bot they started.
/// </summary>
internal static class FakeSlackImages
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The refusal for the first image block that cannot be downloaded, or null when all can (or there are none).</summary>
    public static async Task<JsonObject?> CheckAsync(FakeSlackCall call, ConcurrentQueue<FakeSlackImageFetch> fetches, CancellationToken ct)
    {
        if (call.Method is not ("chat.postMessage" or "chat.update")
            || call.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true
            || !call.Json.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array)
            return null;

        var i = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.TryGetProperty("type", out var type) && type.GetString() == "image"
                && block.TryGetProperty("image_url", out var url) && url.GetString() is { } imageUrl)
            {
                var fetch = await FetchAsync(imageUrl, ct);
                fetches.Enqueue(fetch);
                if (!fetch.Succeeded) return DownloadFailed($"/blocks/{i}/image_url");
            }
            i++;
        }
        return null;
    }

    /// <summary>PNG, JPEG or GIF by content type and by its first bytes.</summary>
    public static bool IsImage(string? contentType, byte[] bytes) =>
        contentType is "image/png" or "image/jpeg" or "image/jpg" or "image/gif"
        && (StartsWith(bytes, [0x89, 0x50, 0x4E, 0x47]) || StartsWith(bytes, [0xFF, 0xD8, 0xFF]) || StartsWith(bytes, "GIF8"u8.ToArray()));

    private static bool StartsWith(byte[] bytes, byte[] magic) => bytes.Length >= magic.Length && bytes.AsSpan(0, magic.Length).SequenceEqual(magic);

    private static async Task<FakeSlackImageFetch> FetchAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(url), ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            return new FakeSlackImageFetch(url, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return new FakeSlackImageFetch(url, 0, null, []); // unreachable, as for a host Slack cannot resolve
        }
    }

    private static JsonObject DownloadFailed(string pointer)
    {
        var message = $"downloading image failed [json-pointer:{pointer}]";
        return new JsonObject
        {
            ["ok"] = false, ["error"] = "invalid_blocks", ["errors"] = new JsonArray(message),
            ["response_metadata"] = new JsonObject { ["messages"] = new JsonArray("[ERROR] " + message) },
        };
    }
}
