using HireBot.Calendar.Google;
using HireBot.Organisations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HireBot.Calendar;

public static class CalendarExtensions
{
    /// <summary>
    /// The calendars. With no Google settings and no provider named anywhere this is what it always
    /// was: Graph when configured, else the local calendar. Otherwise every configured calendar is
    /// registered and <see cref="CalendarRouter"/> is the <see cref="ICalendar"/>; a provider named
    /// but not configured stops the start with the setting named.
    /// </summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGraphCalendar(configuration);
        var graph = services.Any(d => d.ServiceType == typeof(ICalendar) && d.ImplementationType == typeof(GraphCalendar));
        var google = services.AddGoogleCalendar(configuration);
        services.TryAddSingleton<LocalCalendar>();
        var global = configuration["Calendar:Provider"] is { Length: > 0 } p ? p.Trim().ToLowerInvariant() : null;
        var named = OrgSettings.Read(configuration).Where(o => o.CalendarProvider is not null)
            .Select(o => (Setting: $"Orgs__{o.Key}__CalendarProvider", Provider: o.CalendarProvider!)).ToList();
        if (global is not null) named.Add(("Calendar__Provider", global));
        if (!google && named.Count == 0)
        {
            services.TryAddSingleton<ICalendar, LocalCalendar>();
            return services;
        }

        var errors = named.Select(n => n.Provider switch
        {
            CalendarRouter.Graph when !graph => $"{n.Setting}=graph but Microsoft Graph is not configured (AZURE_TENANT_ID, Graph__OrganizerMailbox …).",
            CalendarRouter.Google when !google => $"{n.Setting}=google but Google is not configured (Google__ServiceAccountEmail, Google__OrganizerEmail, Google__PrivateKey).",
            CalendarRouter.Graph or CalendarRouter.Google or CalendarRouter.Local => null,
            var other => $"{n.Setting}='{other}' is not a calendar provider: use graph, google or local.",
        }).OfType<string>().ToList();
        if (errors.Count > 0) throw new Microsoft.Extensions.Options.OptionsValidationException("Calendar", typeof(CalendarRouter), errors);

        if (graph) services.AddSingleton<GraphCalendar>();
        services.RemoveAll<ICalendar>();
        var fallback = global ?? (graph ? CalendarRouter.Graph : google ? CalendarRouter.Google : CalendarRouter.Local);
        services.AddSingleton<CalendarRouter>(sp => new CalendarRouter(sp, sp.GetRequiredService<OrganisationDirectory>(), fallback));
        services.AddSingleton<ICalendar>(sp => sp.GetRequiredService<CalendarRouter>());
        return services;
    }
}
