namespace HireBot.Slack;

/// <summary>A verified Events API request: <see cref="SlackUrlVerification"/> or <see cref="SlackEventCallback"/>.</summary>
public abstract record SlackEventRequest;
