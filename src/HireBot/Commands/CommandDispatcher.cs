using HireBot.Core.Access;
using HireBot.Core.Commands;
using HireBot.Hiring;

namespace HireBot.Commands;

/// <summary>
/// The one entry point for commands from every channel: parse, load what the command names, ask
/// <see cref="Permissions"/> whether the actor may run it, then hand it to the feature that owns it.
/// Every path ends in a reply; expected failures (unknown command, no such candidate, not allowed)
/// are plain replies, and a role or candidate the actor may not know about reads as one that does not exist.
/// </summary>
public sealed class CommandDispatcher(RoleStore roles, CandidateStore candidates, AccessFacts access, IEnumerable<ICommandFeature> features,
    ILogger<CommandDispatcher> logger)
{
    private readonly Dictionary<string, ICommandFeature> _byCommand = Checked(features
        .SelectMany(f => f.Commands.Select(c => (c, f))).ToDictionary(x => x.c, x => x.f));

    public async Task<BotReply> HandleAsync(Actor actor, string text, CancellationToken ct)
    {
        var parsed = CommandParser.Parse(text);
        if (!parsed.IsOk) return BotReply.Error(parsed.Error!);
        var command = parsed.Value!;

        Core.Roles.Role? role = null;
        CandidateLoop? candidate = null;
        var target = Target.Nothing;
        (Relation Relations, bool Owes) facts;
        if (command["candidate"] is { } reference)
        {
            target = new Target(TargetKind.Candidate, reference);
            var visible = new List<(CandidateLoop, Core.Roles.Role, (Relation, bool))>();
            foreach (var found in await candidates.FindAllAsync(reference, ct))
                if (await roles.FindAsync(found.RoleId, ct) is { } of
                    && await access.ForAsync(actor, of, found, null, ct) is var f && Permissions.Sees(TargetKind.Candidate, f.Relations))
                    visible.Add((found, of, f));
            if (visible.Count == 0) return Refused(command.Name, Permissions.Check(command.Name, target, Relation.None));
            if (visible.Count > 1)
                return BotReply.Error($"`{reference}` is a candidate for several roles; write `<role-id>:{reference.Split(':')[^1]}`.");
            (candidate, role, facts) = visible[0];
            target = target with { Role = role.Slug, Candidate = candidate.Name };
        }
        else if (command["role"] is { } slug && command.Name != "role create")
        {
            target = new Target(TargetKind.Role, slug, slug);
            role = await roles.FindAsync(slug, ct);
            if (role is null) return BotReply.Error(Permissions.NotFoundText(target));
            facts = await access.ForAsync(actor, role, null, null, ct);
        }
        else facts = await access.ForAsync(actor, null, null, null, ct);

        var verdict = Permissions.Check(command.Name, target, facts.Relations, facts.Owes);
        if (!verdict.Allowed) return Refused(command.Name, verdict, target.Kind);

        return _byCommand.TryGetValue(command.Name, out var feature)
            ? await feature.HandleAsync(new CommandContext(actor, command, role, candidate, verdict), ct)
            : BotReply.Error($"`{command.Name}` is not available on this bot.");
    }

    private BotReply Refused(string action, AccessVerdict verdict, TargetKind kind = TargetKind.Candidate)
    {
        AccessLog.Refused(logger, action, kind, verdict.Outcome);
        return BotReply.Error(verdict.Refusal!);
    }

    /// <summary>A command without a rule in <see cref="Permissions"/> is a bug: the host refuses to start with it.</summary>
    private static Dictionary<string, ICommandFeature> Checked(Dictionary<string, ICommandFeature> byCommand)
    {
        var unruled = byCommand.Keys.Where(c => Permissions.TargetsOf(c).Count == 0).ToList();
        return unruled.Count == 0 ? byCommand
            : throw new InvalidOperationException($"No access rule for {string.Join(", ", unruled)}: add one to HireBot.Core.Access.Permissions.");
    }
}
