using HireBot.Core.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Charts;
using HireBot.Core.Charts;
using HireBot.Core.Decisions;
using HireBot.Hiring;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Decisions;

/// <summary>
/// <c>calibration &lt;role&gt;</c>: for each interviewer of the role's pools, their scorecards across
/// the organisation, their leniency (partially pooled, <see cref="LeniencyEstimator"/>) with its 90%
/// interval, their agreement with the other panelists (ordinal Krippendorff's alpha) and the median
/// hours from interview end to submission. Only the role's recruiters and hiring managers may run it
/// (Core's Permissions); interviewers see their own figures in the private note after a scorecard.
/// </summary>
public sealed class CalibrationCommands(HireBot.Organisations.OrgDb db, IOptions<DecisionPolicy> policy, ChartPublisher charts, PanelHistoryStore histories) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["calibration"];

    public async Task<BotReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var role = context.Role!;
        var interviewers = role.Template.Pools.SelectMany(p => p.Members.Concat(p.Trainees)).Select(e => e.ToLowerInvariant()).Distinct().ToList();
        if (interviewers.Count == 0)
            return BotReply.Text($"`{role.Slug}` has no interviewer pools yet. Add interviewers with `role add {role.Slug} interviewer <email> pool <pool-id>`.");

        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        var history = await histories.LoadAsync(conn, null, null, cancellationToken);
        var cards = await LoopFeedbackStore.LoadScorecardTimesAsync(conn, interviewers, cancellationToken);
        var names = await NamesAsync(conn, interviewers, cancellationToken);
        var rows = CalibrationReport.Rows(interviewers, history, cards, policy.Value);
        string NameOf(string email) => PersonName.Of(email, names.GetValueOrDefault(email));
        var chart = await charts.PublishAsync(conn, null, CalibrationChart.Model(rows, NameOf, $"Interviewer leniency: {role.Template.Title}"),
            ChartStore.Calibration, null, cancellationToken);
        var data = new JsonObject
        {
            ["title"] = $"Interviewer calibration: {role.Template.Title} (`{role.Slug}`)",
            ["text"] = "Leniency is how far an interviewer's ratings sit above (+) or below (−) the other panelists' on the same candidates and " +
                "competencies, across the organisation's loops, shrunk toward zero when history is short (90% interval). Agreement is Krippendorff's " +
                "ordinal alpha with their fellow panelists: 1 is always the same rating, 0 no better than chance. Digests adjust for leniency.",
            ["facts"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["title"] = NameOf(r.Panelist),
                ["value"] = Describe(r),
            }).ToArray()),
        };
        if (chart is not null) data["image"] = chart;
        return new BotReply("message", data);
    }

    public static string Describe(CalibrationRow r)
    {
        if (r.Scorecards == 0) return "No scorecards yet.";
        var parts = new List<string> { Counted.Of(r.Scorecards, "scorecard") };
        parts.Add(r.Leniency is { } l && r.Interval is var (lo, hi)
            ? $"leniency {CalibrationReport.Signed(l.Leniency)} (90% {CalibrationReport.Signed(lo)} to {CalibrationReport.Signed(hi)}, {l.Scorecards} compared)"
            : "leniency not measurable (no scorecard shared a competency with another panelist)");
        parts.Add(r.Agreement.Alpha is { } a
            ? F($"agreement α {a:0.00} over {r.Agreement.Ratings} ratings")
            : $"agreement not measurable ({r.Agreement.Ratings} ratings)");
        if (r.MedianHoursToSubmit is { } h) parts.Add(F($"median {h:0.0} h to submit"));
        return string.Join(" · ", parts);
    }

    private static async Task<Dictionary<string, string>> NamesAsync(NpgsqlConnection conn, IReadOnlyList<string> emails, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var cmd = new NpgsqlCommand("SELECT lower(email), display_name FROM people WHERE lower(email) = ANY($1)", conn);
        cmd.Parameters.Add(new() { Value = emails.ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) if (!r.IsDBNull(1)) names[r.GetString(0)] = r.GetString(1);
        return names;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
