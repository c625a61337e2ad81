namespace HireBot.Core.Roles;

/// <summary>One round of a loop template: how long, what it assesses, who may run it.</summary>
public sealed record RoundTemplate(
    string Id,
    string Name,
    int DurationMinutes,
    IReadOnlyList<string> FocusCompetencies,
    int PanelSize,
    IReadOnlyList<string> Questions,
    string? InterviewerPool = null,
    bool OnlyAfterEarlierRoundsPass = false);
