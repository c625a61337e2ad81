using System.Security.Claims;

namespace HireBot.Teams;

/// <summary>
/// Outcome of <see cref="BotFrameworkAuthenticator.AuthenticateAsync"/>. On success the activity
/// may be parsed and its <see cref="ServiceUrl"/> is trusted for outbound calls.
/// </summary>
/// <param name="StatusCode">What to answer on failure: 401, 403 (valid token, wrong endorsement) or 400 (unreadable body).</param>
public sealed record BotAuthResult(
    bool Succeeded,
    bool IsAnonymous,
    ClaimsIdentity? Identity,
    string? ServiceUrl,
    string? ChannelId,
    BotAuthFailure Failure,
    int StatusCode)
{
    public static BotAuthResult Fail(BotAuthFailure failure, int statusCode = 401) =>
        new(false, false, null, null, null, failure, statusCode);

    public static BotAuthResult Verified(ClaimsIdentity identity, string serviceUrl, string channelId) =>
        new(true, false, identity, serviceUrl, channelId, BotAuthFailure.None, 200);

    public static BotAuthResult Anonymous(string serviceUrl, string channelId) =>
        new(true, true, new ClaimsIdentity(), serviceUrl, channelId, BotAuthFailure.None, 200);
}
