namespace HireBot.Core.Scheduling;

/// <summary>Checks a request before compiling it; bad input becomes blockers, never exceptions.</summary>
internal static class RequestValidator
{
    /// <summary>Upper bound on grid size, so a malformed window cannot make the search run away.</summary>
    public const int MaxSlots = 20_000;

    public static List<SchedulingBlocker> Validate(SchedulingRequest request, Dictionary<string, TimeZoneInfo> zones)
    {
        var errors = new List<string>();
        var window = request.SearchWindow;
        var resolution = request.SlotResolution;
        if (resolution <= TimeSpan.Zero || resolution > TimeSpan.FromDays(1))
            errors.Add("Slot resolution must be between 1 tick and 1 day.");
        else if (window.End <= window.Start)
            errors.Add("Search window must end after it starts.");
        else if ((window.End - window.Start) / resolution > MaxSlots)
            errors.Add($"Search window holds more than {MaxSlots} slots; narrow it or coarsen the resolution.");
        if (request.MaxOptions < 1) errors.Add("Max options must be at least 1.");
        if (request.Buffer < TimeSpan.Zero) errors.Add("Buffer between rounds cannot be negative.");
        if (request.Rounds.Count == 0) errors.Add("The loop has no rounds.");

        var roundIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var round in request.Rounds)
        {
            if (!roundIds.Add(round.Id)) errors.Add($"Round id '{round.Id}' appears twice.");
            if (round.Duration <= TimeSpan.Zero) errors.Add($"Round '{round.Name}' has no duration.");
            if (round.PanelSize < 1) errors.Add($"Round '{round.Name}' needs a panel size of at least 1.");
            if (round.ShadowSeats < 0) errors.Add($"Round '{round.Name}' has a negative shadow seat count.");
        }

        AddZone(request.CandidateTimeZoneId, "the candidate", zones, errors);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in request.Interviewers)
        {
            if (!emails.Add(person.Email)) errors.Add($"Interviewer {person.Email} appears twice.");
            if (person.WeeklyCap < 0) errors.Add($"Interviewer {person.Email} has a negative weekly cap.");
            AddZone(person.TimeZoneId, person.Email, zones, errors);
        }

        return errors.Select(e => new SchedulingBlocker(null, BlockingConstraint.InvalidInput, e)).ToList();
    }

    private static void AddZone(string id, string owner, Dictionary<string, TimeZoneInfo> zones, List<string> errors)
    {
        if (zones.ContainsKey(id)) return;
        try
        {
            // TimeZoneInfo is tz data, not a clock: IANA ids resolve on Linux and on Windows (ICU).
            zones[id] = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add($"Unknown time zone '{id}' for {owner}.");
        }
    }
}
