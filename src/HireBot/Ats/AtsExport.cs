using System.Text.Json.Nodes;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Ats;

/// <summary>
/// Write-back as outbox rows, written in the transaction that stores the scorecard or decision:
/// recipient <c>conversation:ats:&lt;application-id&gt;</c>, delivered by <see cref="AtsChannelClient"/>.
/// One row per scorecard version (its number is the count of its audit rows) and one per decision,
/// so the idempotency key makes each version go exactly once. A loop whose candidate did not come
/// from the ATS writes nothing.
/// </summary>
public static class AtsExport
{
    public const string Channel = "ats";
    public const string ScorecardKind = "ats-scorecard";
    public const string DecisionKind = "ats-decision";

    /// <summary>Call after the scorecard and its audit row are written.</summary>
    public static async Task EnqueueScorecardAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, Guid interviewId, string panelist, CancellationToken ct)
    {
        if (await ApplicationOfAsync(conn, tx, loopId, ct) is not { } application) return;
        await using var count = new NpgsqlCommand("SELECT count(*) FROM scorecard_audit WHERE interview_id = $1 AND lower(panelist_email) = lower($2)", conn, tx);
        count.Parameters.Add(new() { Value = interviewId });
        count.Parameters.Add(new() { Value = panelist });
        var version = (int)(long)(await count.ExecuteScalarAsync(ct))!;
        var email = panelist.ToLowerInvariant();
        await OutboxStore.EnqueueAsync(conn, tx, [new OutboxMessage($"ats-scorecard:{interviewId}:{email}:v{version}", Recipients.Conversation(Channel, application),
            ScorecardKind, new JsonObject { ["interviewId"] = interviewId.ToString(), ["panelist"] = email, ["version"] = version }, LoopId: loopId)], ct);
    }

    /// <summary>Call with the decision stored.</summary>
    public static async Task EnqueueDecisionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct)
    {
        if (await ApplicationOfAsync(conn, tx, loopId, ct) is not { } application) return;
        await OutboxStore.EnqueueAsync(conn, tx, [new OutboxMessage($"ats-decision:{loopId}", Recipients.Conversation(Channel, application),
            DecisionKind, new JsonObject { ["loopId"] = loopId.ToString() }, LoopId: loopId)], ct);
    }

    private static async Task<string?> ApplicationOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT a.application_id FROM ats_applications a JOIN loops l ON l.candidate_id = a.candidate_id WHERE l.id = $1 AND EXISTS (SELECT 1 FROM ats_connections)",
            conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
