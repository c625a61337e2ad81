namespace HireBot.Slack;

/// <summary>An opened or updated view; pass Hash to views.update so a newer state is not overwritten.</summary>
public sealed record SlackViewRef(string Id, string? Hash);
