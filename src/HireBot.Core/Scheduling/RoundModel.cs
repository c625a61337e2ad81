namespace HireBot.Core.Scheduling;

/// <summary>A round compiled onto the slot grid, with per-slot bounds used by the search.</summary>
internal sealed class RoundModel
{
    public const long Infeasible = long.MaxValue / 4;

    public required RoundRequirement Requirement { get; init; }
    public required int Slots { get; init; }
    public required int[] Eligible { get; init; }
    public required int[] Trainees { get; init; }

    /// <summary>Cost of the k cheapest free panelists at each start, ignoring the rest of the loop.</summary>
    public required long[] Cheapest { get; init; }

    /// <summary>Minimum of <see cref="Cheapest"/> from each slot to the end of its day.</summary>
    public required long[] SuffixMin { get; init; }

    /// <summary>First feasible start at or after each slot (-1 when none).</summary>
    public required int[] NextFeasible { get; init; }

    /// <summary>Cheapest panel over the whole of each candidate day.</summary>
    public required long[] MinOnDay { get; init; }

    public int PanelSize => Requirement.PanelSize;
}
