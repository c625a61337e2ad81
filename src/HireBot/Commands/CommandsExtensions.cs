namespace HireBot.Commands;

public static class CommandsExtensions
{
    /// <summary>
    /// The dispatchers every channel hands commands and card actions to: they load the target, ask
    /// <see cref="Core.Access.Permissions"/> and call the feature (an <see cref="Hiring.ICommandFeature"/> or
    /// <see cref="Hiring.ICardActionFeature"/>) that owns the command or verb. Features register themselves.
    /// </summary>
    public static IServiceCollection AddCommands(this IServiceCollection services) =>
        services.AddSingleton<AccessFacts>().AddSingleton<CommandDispatcher>().AddSingleton<CardActionDispatcher>();
}
