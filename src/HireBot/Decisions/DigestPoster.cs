using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Charts;
using HireBot.Core.Charts;
using HireBot.Core.Decisions;
using HireBot.Core.Loops;
using HireBot.Core.Roles;
using HireBot.Hiring;
using HireBot.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Decisions;

/// <summary>
/// Computes a loop's digest and posts it to the role's hiring channel (or, with no channel set,
/// to each recruiter directly): once when the last expected scorecard arrives, and at the
/// feedback deadline marked incomplete when it has not gone out by then. Outbox keys make every
/// post happen at most once whatever fires twice.
/// </summary>
public sealed class DigestPoster(HireBot.Organisations.OrgDb db, RoleStore roles, IOptions<DecisionPolicy> policy, ChartPublisher charts, TimeProvider clock,
    PanelHistoryStore histories, ILogger<DigestPoster> logger)
{
    public DecisionPolicy Policy => policy.Value;

    /// <summary>The assessment of a loop as it stands, with the digest card data.</summary>
    public (PanelAssessment Assessment, JsonObject Data) Build(LoopFeedback loop, Role role, bool markIncomplete, PanelHistory? history = null)
    {
        var assessment = PanelAggregator.Assess(role.Template.Rubric, loop.Expected(role.Template), loop.Scorecards, policy.Value, history);
        var incomplete = markIncomplete || !assessment.IsComplete || loop.HasScheduledInterviews;
        return (assessment, DigestCard.Data(loop, role, assessment, incomplete));
    }

    /// <summary>
    /// Renders the digest chart (<see cref="DigestChart"/>), stores it with the loop and adds it to the
    /// card data as <c>chart</c>: the picture goes above the digest's text, which stays whole.
    /// </summary>
    public async Task AttachChartAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, Role role, PanelAssessment a, JsonObject data, CancellationToken ct)
    {
        var model = DigestChart.Model(a, role.Template.Rubric, policy.Value, ChartTitle(a, data["incomplete"]?.GetValue<bool>() == true));
        if (await charts.PublishAsync(conn, tx, model, ChartStore.Digest, loopId, ct) is { } chart) data["chart"] = chart;
    }

    /// <summary>The verdict and overall score, never the candidate: the image may travel further than the card.</summary>
    public static string ChartTitle(PanelAssessment a, bool provisional) =>
        (provisional ? "Provisional · " : "") + DigestCard.VerdictLabel(a.Decision.Verdict) + (a.Overall is { } o
            ? string.Create(CultureInfo.InvariantCulture, $" · score {o.Score:0.0} (90% interval {o.Lower:0.0}–{o.Upper:0.0})")
            : " · no ratings yet");

    /// <summary>
    /// What other loops' scorecards say about this panel: the organisation's variance priors once it
    /// has enough history (<see cref="VariancePriorEstimator"/>, otherwise the policy's defaults) and
    /// the interviewers' leniency (partially pooled, with the same priors), read once (<see cref="PanelHistoryStore"/>).
    /// </summary>
    public Task<PanelHistory> HistoryAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, CancellationToken ct) =>
        histories.ForLoopAsync(conn, tx, loopId, ct);

    /// <summary>
    /// Posts the digest when every scoring panelist of every completed interview has submitted and
    /// no interview is still to come. The caller holds the loop row lock (see <c>ScorecardStore.LoadAsync</c>).
    /// <paramref name="history"/> is the loop's history when the caller has already read it (a submission does, for the note).
    /// </summary>
    public async Task<bool> PostIfCompleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct, PanelHistory? history = null)
    {
        var loop = await LoopFeedbackStore.LoadAsync(conn, tx, loopId, lockLoop: false, ct);
        if (loop is null || loop.State is LoopState.Decided or LoopState.Withdrawn || loop.HasScheduledInterviews) return false;
        if (await roles.FindAsync(loop.RoleId, ct) is not { } role || loop.Expected(role.Template).Count == 0) return false;
        // Completeness does not depend on history: read the organisation's history only once the digest is due.
        if (!Build(loop, role, markIncomplete: false).Assessment.IsComplete) return false;
        var (assessment, data) = Build(loop, role, markIncomplete: false, history ?? await HistoryAsync(conn, tx, loopId, ct));
        await AttachChartAsync(conn, tx, loopId, role, assessment, data, ct);
        var added = await OutboxStore.EnqueueAsync(conn, tx, Messages($"digest:{loopId}", role, data, loopId), ct);
        await LoopFeedbackStore.MarkDigestPostedAsync(conn, tx, loopId, clock.GetUtcNow(), ct);
        if (added > 0) DecisionsLog.DigestPosted(logger, loopId, false);
        return added > 0;
    }

    /// <summary>At the deadline: posts the provisional digest naming who is missing, unless a digest already went out.</summary>
    public async Task<bool> PostAtDeadlineAsync(Guid loopId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var loop = await LoopFeedbackStore.LoadAsync(conn, tx, loopId, lockLoop: true, ct);
        if (loop is null || loop.DigestPostedAt is not null || loop.State is LoopState.Decided or LoopState.Withdrawn) return false;
        if (await roles.FindAsync(loop.RoleId, ct) is not { } role) return false;
        var (assessment, data) = Build(loop, role, markIncomplete: true, await HistoryAsync(conn, tx, loopId, ct));
        await AttachChartAsync(conn, tx, loopId, role, assessment, data, ct);
        var added = await OutboxStore.EnqueueAsync(conn, tx, Messages($"digest-deadline:{loopId}", role, data, loopId), ct);
        // The provisional digest shows others' feedback where a late panelist may read it (the
        // hiring channel): whatever they submit afterwards is flagged as possibly anchored.
        foreach (var late in assessment.Missing.Select(m => m.PanelistEmail).Distinct(StringComparer.OrdinalIgnoreCase))
            await Scorecards.ScorecardStore.RecordViewAsync(conn, tx, loopId, late, clock.GetUtcNow(), ct);
        await LoopFeedbackStore.MarkDigestPostedAsync(conn, tx, loopId, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        DecisionsLog.DigestPosted(logger, loopId, true);
        return added > 0;
    }

    /// <summary>The hiring channel, or each recruiter's direct chat when the role has no channel.</summary>
    public static IReadOnlyList<OutboxMessage> Messages(string key, Role role, JsonObject data, Guid loopId, string kind = DigestCard.Kind) =>
        role.HiringChannel is { } channel
            ? [new OutboxMessage(key, channel, kind, data, LoopId: loopId)]
            : role.Recruiters.Select(r => new OutboxMessage($"{key}:{r.ToLowerInvariant()}", Recipients.Person(r), kind, data.DeepClone().AsObject(), LoopId: loopId)).ToList();
}
