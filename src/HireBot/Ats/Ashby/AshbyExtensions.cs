namespace HireBot.Ats.Ashby;

public static class AshbyExtensions
{
    /// <summary>
    /// Registers the Ashby adapter as an <see cref="IAtsAdapter"/> (singleton, <see cref="IAtsAdapter.Kind"/>
    /// "ashby") with its typed <see cref="HttpClient"/>. The base URL and API key come from each
    /// organisation's <see cref="AtsConnection"/>, so nothing here is configured per deployment.
    /// Needs a <see cref="TimeProvider"/> in the container, as the host registers.
    /// </summary>
    public static IServiceCollection AddAshbyAts(this IServiceCollection services)
    {
        services.AddHttpClient<AshbyClient>().ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<AshbyWrites>();
        services.AddSingleton<IAtsAdapter, AshbyAdapter>();
        return services;
    }
}
