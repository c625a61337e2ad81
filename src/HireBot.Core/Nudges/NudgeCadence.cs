using HireBot.Core.People;

namespace HireBot.Core.Nudges;

/// <summary>
/// Plans the reminders for a missing scorecard on a humane cadence: the first one
/// <see cref="NudgePolicy.FirstAfter"/> after the interview, the next at the start of the
/// panelist's next working day, then daily; never in quiet hours, on non-working days or on
/// declared days off. Escalation times are counted in the panelist's working hours.
/// Pure: the caller passes the zone (IANA id resolved by the host) and the times.
/// </summary>
public static class NudgeCadence
{
    public static NudgePlan Plan(DateTimeOffset interviewEnd, TimeZoneInfo zone, WorkingHours hours, NudgePolicy policy)
    {
        if (policy.Validate() is { } problem) throw new ArgumentException(problem, nameof(policy));
        if (hours.Stretches.Any(s => s.EndOfDay <= s.Start.ToTimeSpan())) throw new ArgumentException("Working hours must end after they start.", nameof(hours));

        var times = new List<DateTimeOffset> { WorkingTime.NextWorkingMoment(interviewEnd + policy.FirstAfter, zone, hours) };
        while (times.Count < policy.MaxReminders)
            times.Add(WorkingTime.StartOfNextWorkingDay(times[^1], zone, hours));
        var reminders = times.Select((at, i) => new PlannedReminder(i + 1, times.Count, at.ToUniversalTime())).ToList();
        return new NudgePlan(reminders,
            WorkingTime.AddWorkingHours(interviewEnd, policy.RecruiterAfterWorkingHours, zone, hours).ToUniversalTime(),
            WorkingTime.AddWorkingHours(interviewEnd, policy.ManagerAfterWorkingHours, zone, hours).ToUniversalTime());
    }

    /// <summary>
    /// A snooze of <paramref name="hours"/> asked at <paramref name="now"/>: allowed once, moved out of
    /// quiet hours, and only when the new time is still within <paramref name="deadline"/>.
    /// Returns when the next reminder should come.
    /// </summary>
    public static Outcome<DateTimeOffset> Snooze(DateTimeOffset now, double hours, bool alreadySnoozed, DateTimeOffset deadline,
        TimeZoneInfo zone, WorkingHours workingHours, double maxHours)
    {
        if (alreadySnoozed) return Outcome<DateTimeOffset>.Fail("You already snoozed this reminder once; it can't be snoozed again.");
        // The card offers the configured snooze; a longer one (an edited payload) is refused, not stretched.
        if (hours <= 0 || double.IsNaN(hours)) return Outcome<DateTimeOffset>.Fail("A snooze must be longer than zero hours.");
        if (hours > maxHours) return Outcome<DateTimeOffset>.Fail($"A reminder can be snoozed for at most {maxHours:0.#} h.");
        var until = WorkingTime.NextWorkingMoment(now + TimeSpan.FromHours(hours), zone, workingHours).ToUniversalTime();
        return until <= deadline
            ? until
            : Outcome<DateTimeOffset>.Fail($"Snoozing {hours:0.#} h would pass the feedback deadline; pick a shorter snooze.");
    }

    /// <summary>
    /// The remaining reminders after a snooze until <paramref name="until"/> asked at <paramref name="now"/>:
    /// those already sent stay, the next one moves to <paramref name="until"/>, later ones that
    /// would now come before it are dropped. Numbers and the total are renumbered; a snooze never
    /// adds a reminder while one is still to come (reminder 1 of 3 stays "of 3").
    /// </summary>
    public static IReadOnlyList<PlannedReminder> Snoozed(IReadOnlyList<PlannedReminder> reminders, DateTimeOffset now, DateTimeOffset until)
    {
        var times = reminders.Where(r => r.At <= now).Select(r => r.At).ToList();
        times.Add(until);
        times.AddRange(reminders.Where(r => r.At > now).Skip(1).Where(r => r.At > until).Select(r => r.At));
        return times.Select((at, i) => new PlannedReminder(i + 1, times.Count, at)).ToList();
    }
}
