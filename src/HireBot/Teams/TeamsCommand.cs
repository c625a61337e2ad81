namespace HireBot.Teams;

/// <summary>Text for the command layer: a personal-chat message, or a channel/group @mention with the mention removed.</summary>
public sealed record TeamsCommand(TeamsConversationReference Reference, string? ActivityId, string Text, string? Locale)
    : TeamsInbound(Reference, ActivityId);
