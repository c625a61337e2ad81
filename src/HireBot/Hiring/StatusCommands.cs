using System.Globalization;
using System.Text;
using HireBot.Core.Loops;
using Npgsql;

namespace HireBot.Hiring;

/// <summary>
/// <c>status [candidate]</c>. With a candidate: where the loop stands, for the role's recruiters
/// and hiring managers only (who has submitted, never what). Without: the asker's own open
/// scorecards and upcoming interviews, which any panelist may see. A loop's status ends with the
/// messages that did not reach their person: who, what and why.
/// </summary>
public sealed class StatusCommands(HireBot.Organisations.OrgDb db, Outbox.OutboxStore outbox, TimeProvider clock) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["status"];

    public async Task<BotReply> HandleAsync(CommandContext c, CancellationToken ct)
    {
        // With a candidate, CommandDispatcher has already limited it to the role's recruiters and hiring managers.
        return c.Candidate is null ? await MineAsync(c.Actor.Email, ct) : await LoopAsync(c, ct);
    }

    private async Task<BotReply> LoopAsync(CommandContext c, CancellationToken ct)
    {
        var x = c.Candidate!;
        var text = new StringBuilder($"{x.Name}: loop {LoopStateMachine.Describe(x.State)}");
        if (x.Deadline is { } due) text.Append(CultureInfo.InvariantCulture, $", feedback due {due:yyyy-MM-dd HH:mm} UTC");
        if (x.Decision is { } decision) text.Append(CultureInfo.InvariantCulture, $", decided: {decision}");
        text.Append('.');
        await using var cmd = db.CreateCommand(
            """
            SELECT i.round_id, i.starts_at, i.status, p.email, p.is_shadow, s.panelist_email IS NOT NULL, pe.display_name
            FROM interviews i JOIN interview_panelists p ON p.interview_id = i.id
            LEFT JOIN scorecards s ON s.interview_id = i.id AND s.panelist_email = p.email
            LEFT JOIN people pe ON pe.email = p.email
            WHERE i.loop_id = $1 AND i.status <> 'Cancelled'
            ORDER BY i.starts_at, p.is_shadow, p.email
            """);
        cmd.Parameters.Add(new() { Value = x.LoopId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        string? lastRound = null;
        while (await reader.ReadAsync(ct))
        {
            var roundId = reader.GetString(0);
            if (roundId != lastRound)
            {
                var name = c.Role!.Template.Loop.FindRound(roundId)?.Name ?? roundId;
                text.Append(CultureInfo.InvariantCulture, $"\n• {name}, {reader.GetFieldValue<DateTimeOffset>(1):ddd yyyy-MM-dd HH:mm} UTC ({reader.GetString(2).ToLowerInvariant()}):");
                lastRound = roundId;
            }
            var mark = reader.GetBoolean(4) ? "shadow" : reader.GetBoolean(5) ? "scorecard in" : reader.GetString(2) == "Completed" ? "scorecard missing" : "booked";
            text.Append(CultureInfo.InvariantCulture, $" {PersonName.Of(reader.GetString(3), reader.IsDBNull(6) ? null : reader.GetString(6))} ({mark});");
        }
        if (lastRound is null) text.Append(" No interviews booked yet: `schedule ").Append(x.Email).Append('`');
        await reader.DisposeAsync();
        var undelivered = await outbox.UndeliveredAsync(x.LoopId, ct);
        if (undelivered.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nNot delivered ({undelivered.Count}):");
            foreach (var u in undelivered)
                text.Append(CultureInfo.InvariantCulture, $"\n• {Outbox.UndeliveredReports.Who(u.Recipient, u.DisplayName)}: {Outbox.UndeliveredReports.What(u.Kind, u.Data, x.Name)}. {Outbox.UndeliveredReports.Reason(u.Reason)}.");
        }
        return BotReply.Text(text.ToString());
    }

    private async Task<BotReply> MineAsync(string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT c.name, i.round_id, i.starts_at, i.status
            FROM interview_panelists p JOIN interviews i ON i.id = p.interview_id
            JOIN loops l ON l.id = i.loop_id JOIN candidates c ON c.id = l.candidate_id
            LEFT JOIN scorecards s ON s.interview_id = i.id AND s.panelist_email = p.email
            WHERE p.email = $1 AND NOT p.is_shadow AND l.state NOT IN ('Decided', 'Withdrawn')
              AND (i.status = 'Scheduled' AND i.starts_at > $2 OR i.status = 'Completed' AND s.panelist_email IS NULL)
            ORDER BY i.starts_at
            """);
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        var owed = new List<string>();
        var upcoming = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var line = $"• {reader.GetString(0)}, {reader.GetString(1)}, {reader.GetFieldValue<DateTimeOffset>(2):ddd yyyy-MM-dd HH:mm} UTC";
            (reader.GetString(3) == "Completed" ? owed : upcoming).Add(line);
        }
        if (owed.Count == 0 && upcoming.Count == 0) return BotReply.Text("You have no open scorecards and no upcoming interviews.");
        var text = new StringBuilder();
        if (owed.Count > 0) text.Append("Scorecards you owe:\n").AppendJoin('\n', owed);
        if (upcoming.Count > 0) text.Append(owed.Count > 0 ? "\n" : "").Append("Your upcoming interviews:\n").AppendJoin('\n', upcoming);
        return BotReply.Text(text.ToString());
    }
}
