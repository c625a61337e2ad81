namespace HireBot.Slack;

/// <summary>
/// Every Web API method HireBot calls, in one table the client, the rate limiter and the manifest
/// test share. Tiers and scopes are from each method's reference page (docs.slack.dev/reference/methods/NAME,
/// "Rate limits" and "Scopes" facts) as mirrored by java-slack-sdk metadata/web-api/rate_limit_tiers.json.
/// Write methods take JSON; the users.* and conversations.info readers and oauth.v2.access are sent as forms, because Slack
/// documents JSON bodies only for write methods and read arguments from the form or query otherwise.
/// </summary>
public static class SlackMethodCatalog
{
    /// <summary>Needed for slash commands; not tied to any Web API method.</summary>
    public const string CommandsScope = "commands";

    // https://docs.slack.dev/reference/methods/chat.postMessage — special tier, chat:write
    public static readonly SlackMethodInfo PostMessage = new("chat.postMessage", SlackRateTier.PostMessage, ["chat:write"], true);

    // https://docs.slack.dev/reference/methods/chat.update — Tier 3, chat:write
    public static readonly SlackMethodInfo Update = new("chat.update", SlackRateTier.Tier3, ["chat:write"], true);

    // https://docs.slack.dev/reference/methods/chat.postEphemeral — Tier 4, chat:write
    public static readonly SlackMethodInfo PostEphemeral = new("chat.postEphemeral", SlackRateTier.Tier4, ["chat:write"], true);

    // https://docs.slack.dev/reference/methods/conversations.open — Tier 3, im:write
    public static readonly SlackMethodInfo ConversationsOpen = new("conversations.open", SlackRateTier.Tier3, ["im:write"], true);

    // https://docs.slack.dev/reference/methods/conversations.info — Tier 3, channels:read (public) or groups:read (private channels the bot was invited to)
    public static readonly SlackMethodInfo ConversationsInfo = new("conversations.info", SlackRateTier.Tier3, ["channels:read", "groups:read"], false);

    // https://docs.slack.dev/reference/methods/conversations.join — Tier 3, channels:join (public channels only)
    public static readonly SlackMethodInfo ConversationsJoin = new("conversations.join", SlackRateTier.Tier3, ["channels:join"], true);

    // https://docs.slack.dev/reference/methods/views.open — Tier 4, no scope (needs a trigger_id)
    public static readonly SlackMethodInfo ViewsOpen = new("views.open", SlackRateTier.Tier4, [], true);

    // https://docs.slack.dev/reference/methods/views.update — Tier 4, no scope
    public static readonly SlackMethodInfo ViewsUpdate = new("views.update", SlackRateTier.Tier4, [], true);

    // https://docs.slack.dev/reference/methods/users.lookupByEmail — Tier 3, users:read.email (with users:read)
    public static readonly SlackMethodInfo LookupByEmail = new("users.lookupByEmail", SlackRateTier.Tier3, ["users:read.email"], false);

    // https://docs.slack.dev/reference/methods/users.info — Tier 4, users:read
    public static readonly SlackMethodInfo UsersInfo = new("users.info", SlackRateTier.Tier4, ["users:read"], false);

    // https://docs.slack.dev/reference/methods/oauth.v2.access — Tier 4, no token (client credentials)
    public static readonly SlackMethodInfo OAuthAccess = new("oauth.v2.access", SlackRateTier.Tier4, [], false);

    // https://docs.slack.dev/reference/methods/auth.test — special tier (generous), no scope: whose token this is
    public static readonly SlackMethodInfo AuthTest = new("auth.test", SlackRateTier.Tier4, [], false);

    public static readonly IReadOnlyList<SlackMethodInfo> All =
        [PostMessage, Update, PostEphemeral, ConversationsOpen, ConversationsInfo, ConversationsJoin, ViewsOpen, ViewsUpdate, LookupByEmail, UsersInfo, OAuthAccess, AuthTest];

    /// <summary>commands plus every method's scopes; users:read.email is only granted alongside users:read.</summary>
    public static IReadOnlyList<string> RequiredBotScopes =>
        [CommandsScope, .. All.SelectMany(m => m.Scopes).Distinct()];

    /// <summary>Tier of a method; methods outside the table are treated as Tier 2, the common default.</summary>
    public static SlackRateTier TierOf(string method) =>
        All.FirstOrDefault(m => m.Name == method)?.Tier ?? SlackRateTier.Tier2;
}
