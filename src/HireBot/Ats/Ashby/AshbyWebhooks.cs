using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Ats.Ashby;

/// <summary>
/// Ashby webhooks. With a secret token configured, Ashby sends
/// <c>Ashby-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body keyed with the secret&gt;</c>
/// (https://developers.ashbyhq.com/docs/authenticating-webhooks). The body is
/// <c>{ "action": "&lt;event&gt;", "data": { … } }</c> (Ashby's OpenAPI document, webhooks section).
/// No secret configured means every delivery is refused: unconfigured is closed.
/// </summary>
public static class AshbyWebhooks
{
    public const string SignatureHeader = "Ashby-Signature";

    /// <summary>The signature header value for <paramref name="body"/>, as Ashby computes it.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when the header carries a sha256 digest of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static bool IsSigned(string secret, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var header = headers.FirstOrDefault(h => h.Key.Equals(SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (header is null || !header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan("sha256=".Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// The event of a verified body, or null when it is not the documented shape. Event names are
    /// channel-neutral: <c>application.created</c>, <c>application.updated</c>,
    /// <c>application.stage_changed</c>, <c>application.hired</c>, <c>interview.changed</c>,
    /// <c>job.changed</c>, <c>candidate.removed</c>, <c>ping</c>, or <c>ashby.&lt;action&gt;</c> for the rest.
    /// </summary>
    public static AtsWebhook? Parse(ReadOnlySpan<byte> body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (root?["action"] is not JsonValue actionValue || !actionValue.TryGetValue<string>(out var action)
            || root["data"] is not JsonObject data)
        {
            return null;
        }

        var application = data["application"] as JsonObject;
        var applicationId = Text(application?["id"]);
        var applicationJobId = Text(application?["job"]?["id"]);
        return action switch
        {
            "applicationSubmit" => new AtsWebhook("application.created", applicationId, applicationJobId, null),
            "applicationUpdate" => new AtsWebhook("application.updated", applicationId, applicationJobId, null),
            "candidateStageChange" => new AtsWebhook("application.stage_changed", applicationId, applicationJobId, null),
            "candidateHire" => new AtsWebhook("application.hired", applicationId, applicationJobId, null),
            // The schedule's id: Ashby interview ids (AtsInterview.Id) are its events', refetched by application.
            "interviewScheduleCreate" or "interviewScheduleUpdate" => new AtsWebhook(
                "interview.changed", Text(data["interviewSchedule"]?["applicationId"]), null, Text(data["interviewSchedule"]?["id"])),
            "jobCreate" or "jobUpdate" => new AtsWebhook("job.changed", null, Text(data["job"]?["id"]), null),
            "interviewPlanTransition" => new AtsWebhook("job.changed", null, Text(data["jobId"]), null),
            "candidateDelete" or "candidateMerge" => new AtsWebhook("candidate.removed", null, null, null),
            "ping" => new AtsWebhook("ping", null, null, null),
            _ => new AtsWebhook("ashby." + action, applicationId, applicationJobId, null),
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
