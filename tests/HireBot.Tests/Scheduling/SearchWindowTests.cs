using System.Globalization;
using HireBot.Scheduling;

namespace HireBot.Tests.Scheduling;

/// <summary>The dates a recruiter may type after <c>between … and …</c>, resolved in the candidate's zone.</summary>
public class SearchWindowTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T10:07:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-03", "2026-12-04", "2026-12-03T00:00:00Z", "2026-12-05T00:00:00Z")]
    [InlineData("3 Dec", "4 Dec", "2026-12-03T00:00:00Z", "2026-12-05T00:00:00Z")]
    [InlineData("Dec 3", "December 4", "2026-12-03T00:00:00Z", "2026-12-05T00:00:00Z")]
    [InlineData("3 Dec 2026", "4 Dec, 2026", "2026-12-03T00:00:00Z", "2026-12-05T00:00:00Z")]
    // Without a year a date is the next one on or after the start: this crosses the new year.
    [InlineData("28 Dec", "4 Jan", "2026-12-28T00:00:00Z", "2027-01-05T00:00:00Z")]
    // Today: the window starts at the next quarter hour, not in the past.
    [InlineData("1 Dec", "2 Dec", "2026-12-01T10:15:00Z", "2026-12-03T00:00:00Z")]
    public void Dates_in_the_forms_people_type_are_understood(string between, string and, string start, string end)
    {
        var window = SearchWindow.Resolve(between, and, TimeZoneInfo.Utc, Now, 10);

        Assert.True(window.IsOk, window.Error);
        Assert.Equal(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), window.Value!.Start);
        Assert.Equal(DateTimeOffset.Parse(end, CultureInfo.InvariantCulture), window.Value.End);
    }

    [Theory]
    [InlineData("2026-13-01", "2026-12-12", "Write dates as YYYY-MM-DD or like 3 Dec")]
    [InlineData("3 Dex", "4 Dec", "Write dates as YYYY-MM-DD or like 3 Dec")]
    [InlineData("2026-12-10", "2026-12-03", "is before")]
    [InlineData("2020-01-06", "2020-01-10", "in the past")]
    public void Bad_dates_are_refused_with_the_forms_that_work(string between, string and, string error)
    {
        var window = SearchWindow.Resolve(between, and, TimeZoneInfo.Utc, Now, 10);

        Assert.False(window.IsOk);
        Assert.Contains(error, window.Error);
    }
}
