namespace HireBot.Inbox;

public static class InboxExtensions
{
    /// <summary>The inbox: its group-commit writer, its store and the worker that runs the registered <see cref="IInboxHandler"/>s.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.Section))
            .Validate(o => o.BatchSize > 0 && o.Concurrency > 0 && o.MaxAttempts > 0 && o.LeaseSeconds > 0 && o.PollMilliseconds > 0 && o.KeepHours > 0,
                "Inbox__BatchSize, Inbox__Concurrency, Inbox__MaxAttempts, Inbox__LeaseSeconds, Inbox__PollMilliseconds and Inbox__KeepHours must be positive.")
            .ValidateOnStart();
        services.AddSingleton<InboxStore>().AddSingleton<InboxSignal>();
        services.AddSingleton<InboxWriter>().AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        services.AddHostedService<InboxWorker>();
        return services;
    }
}
