namespace HireBot.Slack;

/// <summary>Sent when the Request URL is saved; answered by echoing Challenge, never dispatched.</summary>
public sealed record SlackUrlVerification(string Challenge) : SlackEventRequest;
