using System.Text.Json.Nodes;
using HireBot.Core.Access;
using HireBot.Hiring;

namespace HireBot.Commands;

/// <summary>
/// Routes a card action by verb to the feature that owns it, after asking <see cref="Permissions"/>:
/// the action's target is the loop (<c>loopId</c>) or interview (<c>interviewId</c>) its data names,
/// loaded here with the role, so features get only actions the actor may take. An unknown verb
/// is a plain error reply; a verb without an access rule stops the host from starting.
/// </summary>
public sealed class CardActionDispatcher(RoleStore roles, CandidateStore candidates, AccessFacts access, IEnumerable<ICardActionFeature> features,
    ILogger<CardActionDispatcher> logger)
{
    private readonly Dictionary<string, ICardActionFeature> _byVerb = Checked(features
        .SelectMany(f => f.Verbs.Select(v => (v, f))).ToDictionary(x => x.v, x => x.f, StringComparer.Ordinal));

    public IReadOnlyCollection<string> Verbs => _byVerb.Keys;

    public async Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken ct)
    {
        if (!_byVerb.TryGetValue(verb, out var feature))
            return BotReply.Error($"This button (`{verb}`) is not something I know how to handle.");
        var kind = Permissions.TargetsOf(verb)[0];
        var key = kind == TargetKind.Loop ? "loopId" : "interviewId";
        if (!Guid.TryParse(data[key]?.ToString(), out var id))
            return BotReply.Error($"This button is missing its {(kind == TargetKind.Loop ? "loop" : "interview")}; use the latest card.");

        var target = new Target(kind, id.ToString());
        var loopId = kind == TargetKind.Loop ? id : await candidates.LoopOfInterviewAsync(id, ct);
        var candidate = loopId is { } l ? await candidates.ForLoopAsync(l, ct) : null;
        var role = candidate is null ? null : await roles.FindAsync(candidate.RoleId, ct);
        if (candidate is null || role is null) return BotReply.Error(Permissions.NotFoundText(target));

        var (relations, owes) = await access.ForAsync(actor, role, candidate, kind == TargetKind.Interview ? id : null, ct);
        var verdict = Permissions.Check(verb, target with { Role = role.Slug, Candidate = candidate.Name }, relations, owes);
        if (verdict.Allowed) return await feature.HandleAsync(actor, verb, data, ct);
        AccessLog.Refused(logger, verb, kind, verdict.Outcome);
        return BotReply.Error(verdict.Refusal!);
    }

    private static Dictionary<string, ICardActionFeature> Checked(Dictionary<string, ICardActionFeature> byVerb)
    {
        var unruled = byVerb.Keys.Where(v => Permissions.TargetsOf(v) is not [TargetKind.Loop or TargetKind.Interview]).ToList();
        return unruled.Count == 0 ? byVerb
            : throw new InvalidOperationException($"No access rule (on a loop or an interview) for card action {string.Join(", ", unruled)}: add one to HireBot.Core.Access.Permissions.");
    }
}
