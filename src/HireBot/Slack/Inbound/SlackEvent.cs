namespace HireBot.Slack;

/// <summary>The inner "event" of an event_callback; Type is Slack's event type name.</summary>
public abstract record SlackEvent(string Type);
