using System.Text.RegularExpressions;
using HireBot.Core.Access;
using HireBot.Core.Commands;
using HireBot.Core.Roles;
using HireBot.Core.Rubrics;

namespace HireBot.Core.Tests.Access;

public class PermissionsTests
{
    private const Relation R = Relation.Recruiter, M = Relation.HiringManager, P = Relation.Panelist, S = Relation.Shadow,
        I = Relation.InterviewPanelist, Pool = Relation.PoolInterviewer, Mem = Relation.Member, None = Relation.None;

    // Every relation an actor can hold alone, from most to least involved.
    private static readonly Relation[] Each = [R, M, I | P, P, S, Pool, Mem, None];

    private enum Expect { Allowed, Refused, NotFound }

    private const Expect A = Expect.Allowed, X = Expect.Refused, N = Expect.NotFound;

    /// <summary>
    /// The whole table, written out by hand: for each action and target, the outcome for each entry of
    /// <see cref="Each"/> (recruiter, manager, panelist of the interview, panelist, shadow, pool interviewer, member, stranger).
    /// </summary>
    private static readonly (string Action, TargetKind Target, Expect[] Outcomes)[] Expected =
    [
        ("help", TargetKind.None, [A, A, A, A, A, A, A, A]),
        ("role create", TargetKind.None, [A, A, A, A, A, A, A, A]),
        ("role list", TargetKind.None, [A, A, A, A, A, A, A, X]),
        ("role show", TargetKind.Role, [A, A, A, A, A, A, A, N]),
        ("role export", TargetKind.Role, [A, A, A, A, A, A, A, N]),
        ("role import", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("role add", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("role channel", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("candidate add", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("candidate list", TargetKind.None, [A, A, A, A, A, A, A, A]),
        ("candidate list", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("candidate show", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("candidate forget", TargetKind.Candidate, [A, X, X, X, X, N, N, N]),
        ("loop create", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("schedule", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("reschedule", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("cancel", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("status", TargetKind.None, [A, A, A, A, A, A, A, A]),
        ("status", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("nudge", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("summary", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("decide", TargetKind.Candidate, [A, A, X, X, X, N, N, N]),
        ("calibration", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("audit", TargetKind.Candidate, [A, X, X, X, X, N, N, N]),
        ("ats connect", TargetKind.None, [X, X, X, X, X, X, X, X]),
        ("ats status", TargetKind.None, [A, A, A, A, A, A, A, X]),
        ("ats sync", TargetKind.None, [X, X, X, X, X, X, X, X]),
        ("ats sync", TargetKind.Role, [A, A, X, X, X, X, X, N]),
        ("ats link", TargetKind.Candidate, [A, X, X, X, X, N, N, N]),
        ("schedule.pick", TargetKind.Loop, [A, A, X, X, X, N, N, N]),
        ("calendar.retry", TargetKind.Loop, [A, A, X, X, X, N, N, N]),
        ("replacement.accept", TargetKind.Interview, [A, A, X, X, X, N, N, N]),
        ("scorecard.open", TargetKind.Interview, [X, X, A, X, X, N, N, N]),
        ("scorecard.submit", TargetKind.Interview, [X, X, A, X, X, N, N, N]),
        ("scorecard.amend", TargetKind.Interview, [X, X, A, X, X, N, N, N]),
        ("nudge.snooze", TargetKind.Interview, [X, X, A, X, X, N, N, N]),
    ];

    public static TheoryData<string, TargetKind, Relation, string> Cases()
    {
        var data = new TheoryData<string, TargetKind, Relation, string>();
        foreach (var (action, target, outcomes) in Expected)
            for (var i = 0; i < Each.Length; i++) data.Add(action, target, Each[i], outcomes[i].ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_table_answers_each_action_for_each_relation(string action, TargetKind kind, Relation relation, string expected)
    {
        var target = new Target(kind, "be-sr", "be-sr", "Ada");

        var verdict = Permissions.Check(action, target, relation);

        var outcome = verdict.Allowed ? Expect.Allowed : verdict.Outcome == AccessOutcome.NotFound ? Expect.NotFound : Expect.Refused;
        Assert.Equal(expected, outcome.ToString());
        if (!verdict.Allowed) Assert.False(string.IsNullOrWhiteSpace(verdict.Refusal));
    }

    [Theory]
    [InlineData("ats connect", TargetKind.None)]
    [InlineData("ats sync", TargetKind.None)]
    [InlineData("ats sync", TargetKind.Role)]
    public void An_organisation_admin_may_connect_and_sync_the_ats(string action, TargetKind kind)
    {
        Assert.True(Permissions.Check(action, new Target(kind, "be-sr", "be-sr"), Relation.OrgAdmin).Allowed);
        Assert.False(Permissions.Check(action, new Target(kind, "be-sr", "be-sr"), Relation.Member).Allowed);
    }

    [Fact]
    public void The_expected_table_lists_exactly_the_rules()
    {
        Assert.Equal(Permissions.Rules.Select(r => (r.Action, r.Target)).Order(), Expected.Select(e => (e.Action, e.Target)).Order());
        Assert.All(Expected, e => Assert.Equal(Each.Length, e.Outcomes.Length));
    }

    /// <summary>The target kinds a command can be aimed at, from its arguments (role create names a new role: no target).</summary>
    private static IEnumerable<TargetKind> TargetsFromArguments(CommandSpec spec)
    {
        if (spec.Name == "role create") { yield return TargetKind.None; yield break; }
        var args = spec.Arguments.Select(a => a.TrimEnd('?', '*')).ToList();
        var kind = args.Contains("candidate") ? TargetKind.Candidate : args.Contains("role") ? TargetKind.Role : TargetKind.None;
        var optional = spec.Arguments.Any(a => a.TrimEnd('*') is "candidate?" or "role?");
        if (kind == TargetKind.None || optional) yield return TargetKind.None;
        if (kind != TargetKind.None) yield return kind;
    }

    [Fact]
    public void Every_command_in_the_catalog_has_a_rule_for_every_way_it_can_be_aimed()
    {
        var missing = CommandCatalog.All.SelectMany(s => TargetsFromArguments(s).Where(t => Permissions.Find(s.Name, t) is null).Select(t => $"{s.Name} on {t}")).ToList();
        Assert.Empty(missing);
        Assert.DoesNotContain(Permissions.Rules, r => !r.Action.Contains('.') && CommandCatalog.Find(r.Action) is null);
    }

    /// <summary>The verbs of every ICardActionFeature in the host's source, read the way they are declared.</summary>
    public static IReadOnlyList<string> DeclaredVerbs()
    {
        var verbs = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", "HireBot"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains(": ICardActionFeature") && !Regex.IsMatch(text, @"\)\s*:\s*ICardActionFeature")) continue;
            var declared = Regex.Match(text, @"Verbs\s*(?:=>|\{\s*get;\s*\}\s*=)\s*\[(?<list>[^\]]*)\]");
            Assert.True(declared.Success, $"{file} declares no Verbs list this test can read");
            verbs.AddRange(Regex.Matches(declared.Groups["list"].Value, "\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        }
        return verbs;
    }

    [Fact]
    public void Every_card_action_verb_has_a_rule_on_a_loop_or_an_interview()
    {
        var verbs = DeclaredVerbs();
        Assert.Contains("scorecard.submit", verbs);
        Assert.True(verbs.Count >= 6, string.Join(", ", verbs));
        Assert.DoesNotContain(verbs, v => Permissions.TargetsOf(v) is not [TargetKind.Loop or TargetKind.Interview]);
        Assert.DoesNotContain(Permissions.Rules, r => r.Action.Contains('.') && !verbs.Contains(r.Action));
    }

    [Theory]
    [InlineData(Relation.Recruiter, true)]
    [InlineData(Relation.HiringManager, true)]
    [InlineData(Relation.Panelist, false)]
    [InlineData(Relation.PoolInterviewer, false)]
    [InlineData(Relation.Member, false)]
    public void Role_show_and_export_reveal_emails_only_to_recruiters_and_managers(Relation relation, bool seesEmails)
    {
        foreach (var action in new[] { "role show", "role export" })
        {
            var verdict = Permissions.Check(action, new Target(TargetKind.Role, "be-sr", "be-sr"), relation);
            Assert.True(verdict.Allowed);
            Assert.Equal(seesEmails, verdict.SeesEmails);
        }
    }

    [Theory]
    [InlineData("summary", Relation.Recruiter)]
    [InlineData("summary", Relation.HiringManager)]
    [InlineData("decide", Relation.Recruiter)]
    [InlineData("decide", Relation.HiringManager)]
    public void Summary_and_decide_are_refused_while_the_actor_owes_a_scorecard(string action, Relation relation)
    {
        var target = new Target(TargetKind.Candidate, "ada@example.com", "be-sr", "Ada Lovelace");

        var owing = Permissions.Check(action, target, relation | Relation.Panelist, owesScorecard: true);
        var submitted = Permissions.Check(action, target, relation | Relation.Panelist, owesScorecard: false);

        Assert.False(owing.Allowed);
        Assert.Equal(AccessOutcome.OwesScorecard, owing.Outcome);
        Assert.Contains("Ada Lovelace's panel and have not submitted your scorecard", owing.Refusal);
        Assert.True(submitted.Allowed);
    }

    [Theory]
    [InlineData(TargetKind.Role, "No role `be-sr`. `role list` shows them.")]
    [InlineData(TargetKind.Candidate, "No candidate `be-sr`. `candidate list` shows them.")]
    [InlineData(TargetKind.Loop, "That loop no longer exists.")]
    [InlineData(TargetKind.Interview, "That interview no longer exists.")]
    public void A_hidden_target_reads_exactly_like_one_that_does_not_exist(TargetKind kind, string text)
    {
        var action = Permissions.Rules.First(r => r.Target == kind && !r.Open).Action;

        var hidden = Permissions.Check(action, new Target(kind, "be-sr", "be-sr", "Ada"), Relation.None);

        Assert.Equal(text, hidden.Refusal);
        Assert.Equal(Permissions.NotFoundText(new Target(kind, "be-sr")), hidden.Refusal);
        Assert.DoesNotContain("Ada", hidden.Refusal);
    }

    [Fact]
    public void A_refusal_names_the_role_and_command_for_someone_who_may_know_them()
    {
        var verdict = Permissions.Check("decide", new Target(TargetKind.Candidate, "ada@example.com", "be-sr", "Ada"), Relation.Panelist);

        Assert.Equal("Only the recruiters and hiring managers of `be-sr` can run `decide`.", verdict.Refusal);
    }

    [Fact]
    public void Relations_come_from_the_role_people_pools_and_seats()
    {
        var role = new Role(Guid.NewGuid(), "be-sr",
            new RoleTemplate("t", "Backend", "senior", new Rubric([], RatingScale.FourPoint), new LoopTemplate([]),
                [new InterviewerPool("sys", "Systems", ["pat@example.com"], ["tia@example.com"])]),
            null, ["rita@example.com"], ["mona@example.com"]);
        var interview = Guid.NewGuid();
        var other = Guid.NewGuid();

        Assert.Equal(Relation.Recruiter, Permissions.RelationsOf("RITA@example.com", false, role));
        Assert.Equal(Relation.Member | Relation.HiringManager, Permissions.RelationsOf("mona@example.com", true, role));
        Assert.Equal(Relation.PoolInterviewer, Permissions.RelationsOf("tia@example.com", false, role));
        Assert.Equal(Relation.PoolInterviewer | Relation.Panelist | Relation.InterviewPanelist,
            Permissions.RelationsOf("pat@example.com", false, role, [new PanelSeat(interview, false, false)], interview));
        Assert.Equal(Relation.Panelist, Permissions.RelationsOf("quinn@example.com", false, role, [new PanelSeat(other, false, true)], interview));
        Assert.Equal(Relation.Shadow, Permissions.RelationsOf("sam@example.com", false, role, [new PanelSeat(interview, true, false)], interview));
        Assert.Equal(Relation.None, Permissions.RelationsOf("eve@example.com", false, role));

        Assert.True(Permissions.OwesScorecard([new PanelSeat(interview, false, false)]));
        Assert.False(Permissions.OwesScorecard([new PanelSeat(interview, true, false), new PanelSeat(other, false, true)]));
        Assert.False(Permissions.OwesScorecard([new PanelSeat(interview, false, false, Cancelled: true)]));
    }
}
