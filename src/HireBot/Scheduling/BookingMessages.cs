using HireBot.Core.Text;
using System.Text.Json.Nodes;
using HireBot.Core.Roles;
using HireBot.Core.Scheduling;
using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// The messages a booking queues: each panelist's interview kit, due a day before the round
/// (or now when the round is sooner), and the recruiter's confirmation.
/// </summary>
public static class BookingMessages
{
    public static readonly TimeSpan KitLead = TimeSpan.FromHours(24);

    public static string KitKey(Guid interviewId, string email) => $"kit:{interviewId}:{email.ToLowerInvariant()}";

    public static OutboxMessage Kit(Role role, CandidateLoop candidate, Guid interviewId, string roundId, DateTimeOffset start, DateTimeOffset end,
        PersonRow panelist, DateTimeOffset now)
    {
        var round = role.Template.Loop.FindRound(roundId);
        var rubric = role.Template.Rubric;
        var focus = (round?.FocusCompetencies ?? []).Select(id => rubric.FindCompetency(id)).OfType<Core.Rubrics.Competency>().ToList();
        // Questions belong to the round, not to one competency: they are listed once, under the first focus.
        var items = focus.Select((c, i) => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["strong"] = c.StrongEvidence,
            ["redFlags"] = new JsonArray([.. c.RedFlags.Select(f => (JsonNode)f)]),
            ["questions"] = new JsonArray([.. (i == 0 ? round!.Questions : []).Select(q => (JsonNode)q)]),
        }).ToArray();
        var data = new JsonObject
        {
            ["candidate"] = candidate.Name,
            ["role"] = role.Template.Title,
            ["round"] = round?.Name ?? roundId,
            ["time"] = panelist.Format(start, end),
            ["focus"] = new JsonArray(items),
        };
        var due = start - KitLead;
        return new OutboxMessage(KitKey(interviewId, panelist.Email), Recipients.Person(panelist.Email), "kit", data, due > now ? due : now, LoopId: candidate.LoopId);
    }

    public static OutboxMessage Confirmation(Role role, CandidateLoop candidate, ScheduleOption option, int optionNo, string recruiter,
        PersonRow reader, IReadOnlyDictionary<string, PersonRow> people)
    {
        var facts = option.Rounds.Select(r => (JsonNode)new JsonObject
        {
            ["title"] = r.RoundName,
            ["value"] = $"{reader.Format(r.Start, r.End)}, {string.Join(", ", r.Panelists.Select(p => ScheduleCards.Name(people, p)))}",
        }).ToArray();
        return new OutboxMessage($"booked:{candidate.LoopId}:{optionNo}", Recipients.Person(recruiter), "message", new JsonObject
        {
            ["title"] = $"Booked: {candidate.Name}",
            ["text"] = $"{Counted.Of(option.Rounds.Count, "round")} for {role.Template.Title} are booked; invitations go out and each panelist gets the kit a day before.",
            ["facts"] = new JsonArray(facts),
        }, LoopId: candidate.LoopId);
    }
}
