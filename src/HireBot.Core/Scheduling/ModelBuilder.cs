using HireBot.Core.People;

namespace HireBot.Core.Scheduling;

/// <summary>Compiles a validated request onto the slot grid.</summary>
internal static class ModelBuilder
{
    public static SchedulingModel Build(SchedulingRequest request, Dictionary<string, TimeZoneInfo> zones)
    {
        var start = request.SearchWindow.Start.ToUniversalTime();
        var res = request.SlotResolution;
        int n = (int)((request.SearchWindow.End - start) / res);
        var offsets = new Dictionary<string, TimeSpan[]>();
        TimeSpan[] OffsetsOf(string zoneId)
        {
            if (!offsets.TryGetValue(zoneId, out var o))
                offsets[zoneId] = o = SlotOffsets(zones[zoneId], start, res, n);
            return o;
        }

        var candidateFree = new bool[n];
        foreach (var window in request.CandidateAvailability)
        {
            var (first, end) = Inside(window, start, res, n);
            for (int i = first; i < end; i++) candidateFree[i] = true;
        }

        var (dayOfSlot, dayFirst, dayEnd, firstDay) = Days(OffsetsOf(request.CandidateTimeZoneId), start, res, n);
        var people = request.Interviewers
            .Select(p => CompilePerson(p, OffsetsOf(p.TimeZoneId), start, res, n))
            .ToArray();
        var model = new SchedulingModel
        {
            WindowStart = start,
            Resolution = res,
            SlotCount = n,
            BufferSlots = SlotsFor(request.Buffer, res),
            Preference = request.DayPreference,
            MaxOptions = request.MaxOptions,
            CandidateRun = Runs(candidateFree),
            DayOfSlot = dayOfSlot,
            DayFirstSlot = dayFirst,
            DayEndSlot = dayEnd,
            FirstDay = firstDay,
            People = people,
        };
        model.Rounds = request.Rounds
            .Select(r => RoundCompiler.Compile(r, request.Interviewers, model))
            .ToArray();
        return model;
    }

    public static int SlotsFor(TimeSpan length, TimeSpan res) => (int)Math.Ceiling(length / res);

    private static PersonModel CompilePerson(Interviewer p, TimeSpan[] offset, DateTimeOffset start, TimeSpan res, int n)
    {
        var byDay = p.WorkingHours.Stretches.ToLookup(w => w.Day);
        var working = new bool[n];
        var free = new bool[n];
        var weekOfSlot = new int[n];
        var weeks = new List<IsoWeek>();
        var lastDate = DateOnly.MinValue;
        int lastWeek = 0;
        for (int i = 0; i < n; i++)
        {
            // Local wall-clock time of this slot: offsets come from the person's zone at this
            // instant, so hours stay 9-to-5 local across a daylight-saving change.
            var local = start.UtcDateTime + res * i + offset[i];
            var tod = local.TimeOfDay;
            var date = DateOnly.FromDateTime(local);
            foreach (var w in p.WorkingHours.DaysOff.Contains(date) ? [] : byDay[local.DayOfWeek])
            {
                if (tod >= w.Start.ToTimeSpan() && tod + res <= w.EndOfDay) { working[i] = true; break; }
            }
            if (date != lastDate)
            {
                // ISO week lookups are per local date, not per slot.
                lastDate = date;
                var week = IsoWeek.Of(date);
                lastWeek = weeks.IndexOf(week);
                if (lastWeek < 0) { lastWeek = weeks.Count; weeks.Add(week); }
            }
            weekOfSlot[i] = lastWeek;
        }
        Array.Copy(working, free, n);
        foreach (var busy in p.Busy)
        {
            var (first, end) = Touching(busy, start, res, n);
            for (int i = first; i < end; i++) free[i] = false;
        }
        return new PersonModel
        {
            Email = p.Email,
            IsTrainee = p.IsTrainee,
            Cap = p.WeeklyCap,
            WorkRun = Runs(working),
            FreeRun = Runs(free),
            WeekOfSlot = weekOfSlot,
            Weeks = weeks.ToArray(),
            WeekLoad = weeks.Select(w => p.LoadByWeek.GetValueOrDefault(w)).ToArray(),
        };
    }

    private static TimeSpan[] SlotOffsets(TimeZoneInfo zone, DateTimeOffset start, TimeSpan res, int n)
    {
        var result = new TimeSpan[n];
        for (int i = 0; i < n; i++) result[i] = zone.GetUtcOffset(start.UtcDateTime + res * i);
        return result;
    }

    private static (int[] DayOfSlot, int[] First, int[] End, DateOnly FirstDay) Days(
        TimeSpan[] offset, DateTimeOffset start, TimeSpan res, int n)
    {
        var dayOfSlot = new int[n];
        var firstDay = DateOnly.FromDateTime(start.UtcDateTime + (n > 0 ? offset[0] : TimeSpan.Zero));
        for (int i = 0; i < n; i++)
        {
            int day = DateOnly.FromDateTime(start.UtcDateTime + res * i + offset[i]).DayNumber - firstDay.DayNumber;
            dayOfSlot[i] = i > 0 ? Math.Max(day, dayOfSlot[i - 1]) : day;
        }
        int days = n > 0 ? dayOfSlot[n - 1] + 1 : 0;
        var first = Enumerable.Repeat(n, days).ToArray();
        var end = new int[days];
        for (int i = n - 1; i >= 0; i--) first[dayOfSlot[i]] = i;
        for (int i = 0; i < n; i++) end[dayOfSlot[i]] = i + 1;
        return (dayOfSlot, first, end, firstDay);
    }

    /// <summary>Slots lying entirely inside the interval.</summary>
    private static (int First, int End) Inside(UtcInterval w, DateTimeOffset start, TimeSpan res, int n) =>
        (Math.Clamp((int)Math.Ceiling((w.Start - start) / res), 0, n),
         Math.Clamp((int)Math.Floor((w.End - start) / res), 0, n));

    /// <summary>Slots overlapping the interval at all.</summary>
    private static (int First, int End) Touching(UtcInterval w, DateTimeOffset start, TimeSpan res, int n) =>
        (Math.Clamp((int)Math.Floor((w.Start - start) / res), 0, n),
         Math.Clamp((int)Math.Ceiling((w.End - start) / res), 0, n));

    private static int[] Runs(bool[] ok)
    {
        var run = new int[ok.Length];
        for (int i = ok.Length - 1; i >= 0; i--)
            run[i] = ok[i] ? 1 + (i + 1 < ok.Length ? run[i + 1] : 0) : 0;
        return run;
    }
}
