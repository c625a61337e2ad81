using Quartz;

namespace HireBot.JobScheduler;

public static class JobSchedulerExtensions
{
    /// <summary>
    /// Quartz 4 on the bot's PostgreSQL with the ADO job store, clustered (instance ids generated),
    /// able to join our own transactions so triggers commit or roll back with the state that set
    /// them. The schema is created by the migrator, so the store only validates it. Jobs themselves
    /// live with the feature they serve and add themselves (AddQuartz is additive).
    /// </summary>
    public static IServiceCollection AddJobScheduler(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.AddQuartz(q =>
        {
            // Every node shares the instance name; ids are generated per start (clustering needs them distinct).
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "HireBot";
                s.GenerateInstanceId = true;
                // Jobs only write outbox rows, so they are short: claim triggers in batches and run
                // several at once, or a burst of due reminders queues behind one-by-one acquisition.
                s.MaxBatchSize = configuration.GetValue("Jobs:MaxBatchSize", 10); // at most Jobs:Threads: Quartz refuses more
            });
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = configuration.GetValue("Jobs:Threads", 10));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(Storage.StorageExtensions.Bounded(connectionString, // room for every job thread and the cluster and misfire managers
                    Math.Max(Storage.StorageExtensions.PoolSizes.Jobs, configuration.GetValue("Jobs:Threads", 10) + 5)));
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:ClusterCheckinSeconds", 7.5));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Jobs:ClusterCheckinSeconds", 7.5));
                });
                store.ConfigureStore(o =>
                {
                    o.AcceptEnlistedTransactions = true;
                });
            });
        });
        services.AddHostedService<JobSchedulerHostedService>();
        return services;
    }
}
