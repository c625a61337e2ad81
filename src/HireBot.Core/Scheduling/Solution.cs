namespace HireBot.Core.Scheduling;

/// <summary>A complete schedule on the grid with its objective values (FirstDay: day index of its first round).</summary>
internal sealed record Solution(int Key1, int Key2, int FirstDay, long Load, int GapSlots, int[] Starts, int[][] Panels, bool Repeats);
