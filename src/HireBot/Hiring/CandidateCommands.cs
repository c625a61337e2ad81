using HireBot.Core.Loops;

namespace HireBot.Hiring;

/// <summary><c>candidate add|list|show</c> and <c>loop create</c>.</summary>
public sealed class CandidateCommands(CandidateStore candidates, RoleStore roles) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["candidate add", "candidate list", "candidate show", "loop create"];

    public async Task<BotReply> HandleAsync(CommandContext c, CancellationToken ct) => c.Command.Name switch
    {
        "candidate add" => await AddAsync(c, ct),
        "candidate list" => await ListAsync(c, ct),
        "candidate show" => Show(c.Candidate!),
        "loop create" => await NewLoopAsync(c, ct),
        _ => BotReply.Error($"`{c.Command.Name}` is not a candidate command."),
    };

    private async Task<BotReply> AddAsync(CommandContext c, CancellationToken ct)
    {
        var email = c.Command.Required("email").Trim().ToLowerInvariant();
        if (!email.Contains('@') || email.Contains(' ')) return BotReply.Error($"`{email}` is not an email address.");
        var added = await candidates.AddAsync(c.Role!.Id, email, c.Command.Required("name"), c.Actor.Email, ct);
        return added.IsOk
            ? BotReply.Text($"Added {added.Value!.Name} to `{c.Role.Slug}` with a draft loop. Next: `schedule {email}`.")
            : BotReply.Error(added.Error!);
    }

    private async Task<BotReply> ListAsync(CommandContext c, CancellationToken ct)
    {
        // Without a role, list only the roles this person recruits for: candidate names are not for everyone.
        var visible = (await roles.ListAsync(ct)).Where(r => r.IsRecruiterOrManager(c.Actor.Email) && (c.Role is null || r.Id == c.Role.Id))
            .ToDictionary(r => r.Id);
        var list = (await candidates.ListAsync(c.Role?.Id, ct)).Where(x => visible.ContainsKey(x.RoleId)).ToList();
        return list.Count == 0
            ? BotReply.Text("No candidates you recruit for yet.")
            : BotReply.Text("Candidates:\n" + string.Join("\n", list.Select(x => $"• {x.Name} <{x.Email}> — `{visible[x.RoleId].Slug}`, loop {LoopStateMachine.Describe(x.State)}")));
    }

    private static BotReply Show(CandidateLoop x) =>
        BotReply.Text($"{x.Name} <{x.Email}>: loop {LoopStateMachine.Describe(x.State)}" +
                      (x.Deadline is { } d ? $", feedback due {d:yyyy-MM-dd HH:mm} UTC" : "") +
                      (x.Decision is { } decision ? $", decision: {decision}" : "") + ".");

    private async Task<BotReply> NewLoopAsync(CommandContext c, CancellationToken ct)
    {
        var x = c.Candidate!;
        if (x.State is not (LoopState.Decided or LoopState.Withdrawn))
            return BotReply.Error($"{x.Name} already has a loop that is {LoopStateMachine.Describe(x.State)}.");
        var opened = await candidates.NewLoopAsync(x.CandidateId, ct);
        return opened.IsOk ? BotReply.Text($"Opened a new draft loop for {x.Name}.") : BotReply.Error(opened.Error!);
    }
}
