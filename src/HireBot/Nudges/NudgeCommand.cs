using System.Text.Json.Nodes;
using HireBot.Hiring;
using HireBot.Outbox;
using Microsoft.Extensions.Options;

namespace HireBot.Nudges;

/// <summary>
/// <c>nudge &lt;candidate&gt;</c> (recruiters and hiring managers; the handler checks): reminds
/// every panelist of the loop whose scorecard is missing, now. Keys carry the minute, so a double
/// click sends once; the reply counts the reminders queued and names who was reminded. Someone
/// the bot could not reach the last time it tried is not counted (nor sent another reminder that
/// would fail the same way): the reply names them and why, so the recruiter can ask in person.
/// </summary>
public sealed class NudgeCommand(NudgeStore store, OutboxStore outbox, OutboxSignal signal, TimeProvider clock, IOptions<NudgeOptions> options) : ICommandFeature
{
    public IReadOnlyList<string> Commands { get; } = ["nudge"];

    public async Task<BotReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Candidate is not { } candidate) return BotReply.Error("`nudge` needs a candidate.");
        var now = clock.GetUtcNow();
        var missing = await store.MissingAsync(candidate.LoopId, now, cancellationToken);
        if (missing.Count == 0) return BotReply.Text($"Every scorecard for {candidate.Name} is in (or no interview has ended yet); nobody to remind.");

        var unreachable = await outbox.UnreachableAsync(missing.Select(m => m.Email).ToList(), cancellationToken);
        var reminded = new List<string>();
        var notReached = new List<string>();
        await using var conn = await store.Db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        foreach (var (interviewId, email) in missing)
        {
            var plan = await NudgeStore.LoadAsync(conn, tx, interviewId, email, cancellationToken);
            if (plan is null) continue; // ended before nudges were planned: nothing to show the due time from
            var who = PersonName.Of(plan.Email, plan.Panelist);
            if (unreachable.TryGetValue(email, out var why))
            {
                notReached.Add($"{PersonName.WithEmail(plan.Email, plan.Panelist)}: {UndeliveredReports.Reason(why)}");
                continue;
            }
            var previous = plan.LastReminderKey;
            var sent = plan.Reminders.Count(r => r.At <= now);
            var key = NudgeMessages.ManualKey(interviewId, email, now);
            var number = previous == key ? sent : sent + 1;
            await OutboxStore.EnqueueAsync(conn, tx,
                [NudgeMessages.Reminder(plan, key, number, Math.Max(number, plan.Reminders.Count), previous == key ? null : previous, options.Value.SnoozeHours)],
                cancellationToken);
            await NudgeStore.SetLastReminderKeysAsync(conn, tx, [(interviewId, email, key)], cancellationToken);
            reminded.Add(who);
        }
        await tx.CommitAsync(cancellationToken);
        signal.Notify();
        if (reminded.Count == 0 && notReached.Count == 0)
            return BotReply.Text($"Scorecards for {candidate.Name} are missing, but no reminder plan exists yet; try again after the interview-ended job has run.");
        var count = reminded.Distinct().Count();
        var text = count == 0 ? "" : $"Scorecards for {candidate.Name} still missing from: {string.Join(", ", reminded.Distinct())}.";
        if (notReached.Count > 0)
            text += (text.Length > 0 ? "\n" : "") +
                    $"Not reminded, because HireBot could not reach them last time:\n• {string.Join("\n• ", notReached.Distinct())}\n" +
                    $"Ask them yourself; `status {candidate.Email}` lists what did not reach them.";
        return new BotReply("message", new JsonObject
        {
            ["title"] = count == 0 ? "Reminded nobody" : $"Reminded {count} panelist{(count == 1 ? "" : "s")}",
            ["text"] = text,
        });
    }
}
