namespace HireBot.Core.Roles;

/// <summary>The ordered rounds a candidate for a role goes through.</summary>
public sealed record LoopTemplate(IReadOnlyList<RoundTemplate> Rounds)
{
    public RoundTemplate? FindRound(string id) =>
        Rounds.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
