using Microsoft.Extensions.Options;

namespace HireBot.Calendar.Google;

public static class GoogleCalendarExtensions
{
    /// <summary>
    /// Registers <see cref="GoogleCalendar"/> (not as <see cref="ICalendar"/>: <see cref="CalendarRouter"/>
    /// picks it per organisation) when any Google setting is present; a partial configuration fails
    /// here with the missing variables named. Returns whether it registered.
    /// </summary>
    /// <param name="configureHttp">Adjusts the Calendar API client (tests).</param>
    public static bool AddGoogleCalendar(this IServiceCollection services, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttp = null)
    {
        var options = new GoogleOptions();
        configuration.GetSection(GoogleOptions.Section).Bind(options);
        if (!options.IsRequested) return false;
        var errors = options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(GoogleOptions.Section, typeof(GoogleOptions), errors);

        services.AddSingleton(Options.Create(options));
        services.AddSingleton(sp => new GoogleTokens(options, sp.GetRequiredService<TimeProvider>()));
        // GoogleCalendar is a singleton and keeps its client: pooled connections are renewed
        // instead of the handler, so DNS changes are still seen.
        var http = services.AddHttpClient<GoogleApi>(client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        configureHttp?.Invoke(http);
        services.AddSingleton<GoogleEventSync>();
        services.AddSingleton<GoogleCalendar>();
        return true;
    }
}
