using System.Text.Json.Nodes;
using HireBot.Hiring;
using HireBot.Outbox;
using Microsoft.Extensions.Options;

namespace HireBot.Nudges;

/// <summary>
/// <c>nudge &lt;candidate&gt;</c> (recruiters and hiring managers; the handler checks): reminds
/// every panelist of the loop whose scorecard is missing, now. Keys carry the minute, so a double
/// click sends once; the reply names who was reminded.
/// </summary>
public sealed class NudgeCommand(NudgeStore store, OutboxSignal signal, TimeProvider clock, IOptions<NudgeOptions> options) : ICommandFeature
{
    public IReadOnlyList<string> Commands { get; } = ["nudge"];

    public async Task<BotReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Candidate is not { } candidate) return BotReply.Error("`nudge` needs a candidate.");
        var now = clock.GetUtcNow();
        var missing = await store.MissingAsync(candidate.LoopId, now, cancellationToken);
        if (missing.Count == 0) return BotReply.Text($"Every scorecard for {candidate.Name} is in (or no interview has ended yet); nobody to remind.");

        var reminded = new List<string>();
        await using var conn = await store.Db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        foreach (var (interviewId, email) in missing)
        {
            var plan = await NudgeStore.LoadAsync(conn, tx, interviewId, email, cancellationToken);
            if (plan is null) continue; // ended before nudges were planned: nothing to show the due time from
            var previous = plan.LastReminderKey;
            var sent = plan.Reminders.Count(r => r.At <= now);
            var key = NudgeMessages.ManualKey(interviewId, email, now);
            var number = previous == key ? sent : sent + 1;
            await OutboxStore.EnqueueAsync(conn, tx,
                [NudgeMessages.Reminder(plan, key, number, Math.Max(number, plan.Reminders.Count), previous == key ? null : previous, options.Value.SnoozeHours)],
                cancellationToken);
            await NudgeStore.SetLastReminderKeysAsync(conn, tx, [(interviewId, email, key)], cancellationToken);
            reminded.Add(plan.Panelist == plan.Email ? plan.Email : $"{plan.Panelist} ({plan.Email})");
        }
        await tx.CommitAsync(cancellationToken);
        signal.Notify();
        return reminded.Count == 0
            ? BotReply.Text($"Scorecards for {candidate.Name} are missing, but no reminder plan exists yet; try again after the interview-ended job has run.")
            : new BotReply("message", new JsonObject
            {
                ["title"] = $"Reminded {reminded.Distinct().Count()} panelist{(reminded.Distinct().Count() == 1 ? "" : "s")}",
                ["text"] = $"Scorecards for {candidate.Name} still missing from: {string.Join(", ", reminded.Distinct())}.",
            });
    }
}
