namespace HireBot.Teams;

/// <summary>
/// A verified Teams activity turned into a channel-neutral interaction. Switch over the subtypes:
/// <see cref="TeamsCommand"/>, <see cref="TeamsCardAction"/>, <see cref="TeamsInstallEvent"/>,
/// <see cref="TeamsUnhandled"/>. Every one carries the <see cref="Reference"/> to store.
/// </summary>
public abstract record TeamsInbound(TeamsConversationReference Reference, string? ActivityId);
