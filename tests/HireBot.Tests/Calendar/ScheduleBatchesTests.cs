using HireBot.Calendar;

namespace HireBot.Tests.Calendar;

public sealed class ScheduleBatchesTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(42, 1)]
    [InlineData(43, 2)]
    [InlineData(60, 2)]
    [InlineData(85, 3)]
    public void Windows_cover_the_range_in_chunks_of_at_most_42_days(int days, int expectedChunks)
    {
        var windows = ScheduleBatches.Windows(Day0, Day0.AddDays(days), 42);

        Assert.Equal(expectedChunks, windows.Count);
        Assert.Equal(Day0, windows[0].Start);
        Assert.Equal(Day0.AddDays(days), windows[^1].End);
        Assert.All(windows, w => Assert.InRange((w.End - w.Start).TotalDays, 0.001, 42));
        Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }

    [Fact]
    public void Touching_and_overlapping_intervals_merge_and_disjoint_ones_stay_apart()
    {
        var merged = ScheduleBatches.Merge(
            [
                new BusyInterval(Day0.AddHours(13), Day0.AddHours(14)),
                new BusyInterval(Day0.AddHours(9), Day0.AddHours(10)),
                new BusyInterval(Day0.AddHours(10), Day0.AddHours(11)),
                new BusyInterval(Day0.AddHours(9.5), Day0.AddHours(9.75)),
                new BusyInterval(Day0.AddDays(2), Day0.AddDays(3)),
            ],
            Day0,
            Day0.AddDays(1));

        Assert.Equal(
            [new BusyInterval(Day0.AddHours(9), Day0.AddHours(11)), new BusyInterval(Day0.AddHours(13), Day0.AddHours(14))],
            merged);
    }
}
