using HireBot.Core.Roles;
using HireBot.Core.Scheduling;

namespace HireBot.Scheduling;

/// <summary>
/// The scheduler's answer for one loop, with the rounds left out of it (booked only after the
/// earlier rounds pass, or already kept from an earlier booking) and the mailboxes whose
/// calendars could not be read (treated as free, and said so). <paramref name="SearchBudget"/> is
/// how long the search was allowed, said on the card when it stopped there; <paramref name="UnreadableNames"/>
/// names the people whose calendars could not be read.
/// </summary>
public sealed record SchedulePlan(
    SchedulingResult Result,
    IReadOnlyList<RoundTemplate> LaterRounds,
    IReadOnlyList<RoundTemplate> KeptRounds,
    int UnreadableCalendars,
    TimeSpan SearchBudget = default,
    IReadOnlyList<string>? UnreadableNames = null);
