namespace HireBot.Teams;

/// <summary>
/// The bot was added to (<see cref="Installed"/> true) or removed from a personal chat, group chat
/// or team. Store or retire the <see cref="TeamsInbound.Reference"/>.
/// </summary>
/// <param name="Source"><c>conversationUpdate</c> or <c>installationUpdate</c>.</param>
public sealed record TeamsInstallEvent(TeamsConversationReference Reference, string? ActivityId, bool Installed, string Source)
    : TeamsInbound(Reference, ActivityId);
