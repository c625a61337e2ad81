using System.Text.Json.Nodes;
using HireBot.Organisations;
using HireBot.Outbox;

namespace HireBot.Ats;

/// <summary>
/// Delivers <see cref="AtsExport"/> rows: reads the scorecard version (from its audit row, so what
/// goes is exactly that version) or the decision, maps each competency to the role's ATS attribute
/// (<c>ats_attribute_map</c>; unmapped ones go with their own names, never dropped) and calls the
/// organisation's adapter. The adapter paces itself by the ATS's rate-limit headers and waits out
/// short 429s; past that, <see cref="AtsException.RetryAfter"/> becomes the outbox's retry, and a
/// refusal is final and reported to the loop's recruiters (the outbox's undelivered reports).
/// </summary>
public sealed class AtsChannelClient(AtsConnectionStore connections, AtsImporter importer, AtsAttributeMap attributes, OrgDb db) : IChannelClient
{
    public string Channel => AtsExport.Channel;

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (!Recipients.TryConversation(delivery.Recipient, out _, out var applicationId)) return new DeliveryResult.Failed("not an ATS application");
        if (await connections.FindAsync(cancellationToken) is not { } row) return new DeliveryResult.Failed("the organisation's ATS connection was removed");
        if (importer.AdapterFor(row.Connection.Kind) is not { } adapter) return new DeliveryResult.Failed($"no {row.Connection.Kind} adapter on this bot");
        try
        {
            var result = delivery.Kind == AtsExport.ScorecardKind
                ? await ScorecardAsync(delivery.Data, applicationId, cancellationToken) is { } s
                    ? await adapter.WriteScorecardAsync(row.Connection, s, cancellationToken)
                    : new AtsWriteResult.Refused("the scorecard version no longer exists")
                : await DecisionAsync(delivery.Data, applicationId, cancellationToken) is { } d
                    ? await adapter.WriteDecisionAsync(row.Connection, d, cancellationToken)
                    : new AtsWriteResult.Refused("the loop has no decision");
            return result switch
            {
                AtsWriteResult.Written w => new DeliveryResult.Sent(Channel, new JsonObject { ["atsId"] = w.AtsId }),
                AtsWriteResult.Refused r => new DeliveryResult.Failed($"the ATS did not take it: {r.Reason}"),
                _ => new DeliveryResult.Failed("unknown ATS result"),
            };
        }
        catch (AtsException e)
        {
            return new DeliveryResult.Retry(e.RetryAfter ?? TimeSpan.Zero, $"ATS: {e.Message}");
        }
    }

    private async Task<AtsScorecard?> ScorecardAsync(JsonObject data, string applicationId, CancellationToken ct)
    {
        var interviewId = Guid.Parse(data["interviewId"]!.GetValue<string>());
        var panelist = data["panelist"]!.GetValue<string>();
        var version = data["version"]!.GetValue<int>();
        await using var cmd = db.CreateCommand(
            """
            SELECT a.after::text, c.role_id, i.round_id,
                   (SELECT ai.ats_interview_id FROM ats_interviews ai WHERE ai.interview_id = i.id)
            FROM scorecard_audit a JOIN interviews i ON i.id = a.interview_id JOIN loops l ON l.id = i.loop_id JOIN candidates c ON c.id = l.candidate_id
            WHERE a.interview_id = $1 AND lower(a.panelist_email) = $2 ORDER BY a.id OFFSET $3 LIMIT 1
            """);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = panelist });
        cmd.Parameters.Add(new() { Value = version - 1 });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var after = JsonNode.Parse(r.GetString(0))!.AsObject();
        var roleId = r.GetGuid(1);
        var atsInterview = r.IsDBNull(3) ? null : r.GetString(3);
        await r.DisposeAsync();
        var map = await attributes.LoadAsync(roleId, ct);
        var ratings = after["ratings"]!.AsArray().OfType<JsonObject>().Select(x =>
        {
            var competency = x["competencyId"]!.GetValue<string>();
            return new AtsRating(competency, x["rating"]!.GetValue<int>(), map.GetValueOrDefault(competency), x["evidence"]?.GetValue<string>());
        }).ToList();
        var flags = after["redFlags"]?.AsArray().Select(f => f!.GetValue<string>()).ToList() ?? [];
        var summary = string.Join(" ", new[] { after["notes"]?.GetValue<string>(), flags.Count > 0 ? "Red flags: " + string.Join(", ", flags) + "." : null }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        var at = after["amendedAt"]?.GetValue<DateTimeOffset?>() ?? after["submittedAt"]!.GetValue<DateTimeOffset>();
        return new AtsScorecard(applicationId, atsInterview, panelist, null, // the interviewer's ATS user is not kept yet: the note goes as the connection's user and names them
            after["recommendation"]!.GetValue<string>(), ratings, summary, version, at);
    }

    private async Task<AtsDecision?> DecisionAsync(JsonObject data, string applicationId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT decision, coalesce(decision_reason, ''), decided_by, decided_at FROM loops WHERE id = $1 AND decision IS NOT NULL");
        cmd.Parameters.Add(new() { Value = Guid.Parse(data["loopId"]!.GetValue<string>()) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new AtsDecision(applicationId, r.GetString(0), r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), r.GetFieldValue<DateTimeOffset>(3))
            : null;
    }
}
