using HireBot.Core.Text;
using System.Text.Json.Nodes;
using HireBot.Core.Roles;
using HireBot.Core.Scheduling;
using HireBot.Hiring;

namespace HireBot.Scheduling;

/// <summary>Card data for the scheduling flow (shapes in cards/README.md).</summary>
public static class ScheduleCards
{
    /// <summary>The <c>schedule-options</c> card; times in the reader's zone, panelists by name.</summary>
    public static BotReply Options(CandidateLoop candidate, Role role, SchedulePlan plan, IReadOnlyList<int> numbers,
        PersonRow reader, IReadOnlyDictionary<string, PersonRow> people)
    {
        var notes = Notes(plan);
        var options = plan.Result.Options.Select((o, i) =>
        {
            var slots = o.Rounds.Select(r => (JsonNode)JsonValue.Create($"{reader.Format(r.Start, r.End)} {r.RoundName}: " +
                string.Join(", ", r.Panelists.Select(p => Name(people, p))) +
                (r.Shadows.Count > 0 ? $" (shadow: {string.Join(", ", r.Shadows.Select(p => Name(people, p)))})" : ""))).ToList();
            slots.AddRange(notes.Select(n => (JsonNode)JsonValue.Create(n)));
            return (JsonNode)new JsonObject
            {
                ["optionId"] = numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["rank"] = o.Rank,
                ["summary"] = o.Reason,
                ["slots"] = new JsonArray([.. slots]),
            };
        }).ToArray();
        var text = $"{Counted.Of(plan.Result.Options.Count, "option")} for {candidate.Name}, times in {reader.TimeZoneId}." +
                   (notes.Count > 0 ? " " + string.Join(" ", notes) : "");
        return new BotReply("schedule-options", new JsonObject
        {
            ["candidate"] = candidate.Name,
            ["role"] = role.Template.Title,
            ["loopId"] = candidate.LoopId.ToString(),
            ["options"] = new JsonArray(options),
            ["text"] = text,
        });
    }

    /// <summary>An infeasible loop: each blocker's message, which names the round and the constraint.</summary>
    public static BotReply Infeasible(CandidateLoop candidate, SchedulePlan plan, string prefix = "")
    {
        var lines = plan.Result.Blockers.Select(b => "• " + b.Message).Concat(Notes(plan));
        return BotReply.Error($"{prefix}I found no schedule for {candidate.Name}:\n{string.Join("\n", lines)}");
    }

    private static List<string> Notes(SchedulePlan plan)
    {
        var notes = new List<string>();
        if (plan.Result.StoppedEarly)
            notes.Add($"I searched for {Seconds(plan.SearchBudget)}; these are the best options found, and a longer search might find better.");
        notes.AddRange( plan.LaterRounds.Select(r => $"{r.Name} is not scheduled now: it happens only after the earlier rounds pass."));
        if (plan.KeptRounds.Count > 0) notes.Add($"Kept as booked: {string.Join(", ", plan.KeptRounds.Select(r => r.Name))}.");
        if (plan.UnreadableCalendars > 0)
            notes.Add($"{Counted.Of(plan.UnreadableCalendars, "calendar")} could not be read and were treated as free" +
                      (plan.UnreadableNames is { Count: > 0 } names ? $": {string.Join(", ", names)}." : "."));
        return notes;
    }

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s".Replace(',', '.') : $"{t.TotalMilliseconds:0} ms";

    internal static string Name(IReadOnlyDictionary<string, PersonRow> people, string email) =>
        Hiring.PersonName.Of(email, people.TryGetValue(email, out var p) ? p.DisplayName : null);
}
