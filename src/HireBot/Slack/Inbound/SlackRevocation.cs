namespace HireBot.Slack;

/// <summary>
/// app_uninstalled (all tokens of the team are gone) or tokens_revoked (listed user/bot ids lost
/// their tokens). Either way the lead drops the stored installation when AppUninstalled or when
/// BotUserIds contains the installation's bot user.
/// https://docs.slack.dev/reference/events/app_uninstalled/ · https://docs.slack.dev/reference/events/tokens_revoked/
/// </summary>
public sealed record SlackRevocation(bool AppUninstalled, IReadOnlyList<string> BotUserIds, IReadOnlyList<string> UserIds)
    : SlackEvent(AppUninstalled ? "app_uninstalled" : "tokens_revoked");
