namespace HireBot.Configuration;

/// <summary>
/// <c>PublicUrl</c>: the bot's https address as Teams, Slack and an ATS reach it (the messaging
/// endpoint's host). Chart image URLs and ATS webhook URLs start with it. Empty in local mode.
/// </summary>
public static class PublicAddress
{
    public const string Key = "PublicUrl";

    /// <summary>The configured address without a trailing slash, or "" when none is set.</summary>
    public static string From(IConfiguration configuration) => (configuration[Key] ?? "").Trim().TrimEnd('/');
}
