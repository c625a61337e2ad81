namespace HireBot.Core.Scheduling;

/// <summary>One round of the loop template, in the order the template gives.</summary>
public sealed record RoundRequirement
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required TimeSpan Duration { get; init; }

    /// <summary>Qualified (non-trainee) interviewers needed on the panel.</summary>
    public int PanelSize { get; init; } = 1;

    /// <summary>Trainee seats filled when a qualified trainee is free; never blocks a schedule.</summary>
    public int ShadowSeats { get; init; }

    /// <summary>An interviewer holding all of these competencies is qualified for the round.</summary>
    public IReadOnlyList<string> FocusCompetencies { get; init; } = [];
}
