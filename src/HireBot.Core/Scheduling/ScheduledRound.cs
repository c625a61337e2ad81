namespace HireBot.Core.Scheduling;

/// <summary>One round placed in time with its panel and shadows (emails).</summary>
public sealed record ScheduledRound(
    string RoundId,
    string RoundName,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Panelists,
    IReadOnlyList<string> Shadows,
    int UnfilledShadowSeats);
