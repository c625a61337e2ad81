namespace HireBot.Slack;

/// <summary>
/// Web API rate tiers, per method per workspace per app (https://docs.slack.dev/apis/web-api/rate-limits):
/// Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min; chat.postMessage has its own
/// special tier of about one message per second per channel with short bursts.
/// </summary>
public enum SlackRateTier
{
    Tier1,
    Tier2,
    Tier3,
    Tier4,
    PostMessage,
}
