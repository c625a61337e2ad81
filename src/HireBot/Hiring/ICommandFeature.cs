namespace HireBot.Hiring;

/// <summary>A feature that owns some commands of the grammar (roles, candidates, scheduling, decisions…).</summary>
public interface ICommandFeature
{
    IReadOnlyList<string> Commands { get; }

    Task<BotReply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}
