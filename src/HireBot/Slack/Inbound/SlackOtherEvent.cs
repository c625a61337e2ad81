namespace HireBot.Slack;

/// <summary>An event type HireBot does not subscribe to; acknowledged and ignored.</summary>
public sealed record SlackOtherEvent(string Type) : SlackEvent(Type);
