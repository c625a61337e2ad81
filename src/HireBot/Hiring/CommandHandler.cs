using HireBot.Core.Commands;

namespace HireBot.Hiring;

/// <summary>
/// The one entry point for commands from every channel: parse, load what the command names,
/// check the actor may run it, then hand it to the feature that owns it. Every path ends in a
/// reply; expected failures (unknown command, no such candidate, not allowed) are plain replies.
/// </summary>
public sealed class CommandHandler(RoleStore roles, CandidateStore candidates, IEnumerable<ICommandFeature> features)
{
    private readonly Dictionary<string, ICommandFeature> _byCommand = features
        .SelectMany(f => f.Commands.Select(c => (c, f))).ToDictionary(x => x.c, x => x.f);

    public async Task<BotReply> HandleAsync(Actor actor, string text, CancellationToken ct)
    {
        var parsed = CommandParser.Parse(text);
        if (!parsed.IsOk) return BotReply.Error(parsed.Error!);
        var command = parsed.Value!;

        CandidateLoop? candidate = null;
        if (command["candidate"] is { } reference)
        {
            var found = await candidates.FindAsync(reference, ct);
            if (!found.IsOk) return BotReply.Error(found.Error!);
            candidate = found.Value;
        }
        var role = candidate is not null ? await roles.FindAsync(candidate.RoleId, ct)
            : command["role"] is { } slug && command.Name != "role create" ? await roles.FindAsync(slug, ct) : null;
        if (command["role"] is { } wanted && command.Name != "role create" && role is null)
            return BotReply.Error($"No role `{wanted}`. `role list` shows them.");

        if (command.Spec.Audience == CommandAudience.RoleRecruiters && (role is null || !role.IsRecruiterOrManager(actor.Email)))
            return BotReply.Error(role is null
                ? $"`{command.Name}` needs a role or candidate you recruit for."
                : $"Only the recruiters and hiring managers of `{role.Slug}` can run `{command.Name}`.");

        return _byCommand.TryGetValue(command.Name, out var feature)
            ? await feature.HandleAsync(new CommandContext(actor, command, role, candidate), ct)
            : BotReply.Error($"`{command.Name}` is not available on this bot.");
    }
}
