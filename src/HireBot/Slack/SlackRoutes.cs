namespace HireBot.Slack;

/// <summary>Paths mapped by <see cref="SlackEndpoints.MapSlack"/>; manifests/slack/manifest.yaml must use exactly these.</summary>
public static class SlackRoutes
{
    public const string Commands = "/slack/commands";
    public const string Interactions = "/slack/interactions";
    public const string Events = "/slack/events";
    public const string Install = "/slack/install";
    public const string OAuthCallback = "/slack/oauth/callback";

    public static readonly IReadOnlyList<string> All = [Commands, Interactions, Events, Install, OAuthCallback];
}
