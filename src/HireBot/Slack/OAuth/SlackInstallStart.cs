namespace HireBot.Slack;

/// <summary>Where to send the installer, and the state to also pin in a cookie on their browser.</summary>
public sealed record SlackInstallStart(Uri AuthorizeUrl, string State);
