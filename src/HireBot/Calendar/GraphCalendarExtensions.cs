using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace HireBot.Calendar;

public static class GraphCalendarExtensions
{
    /// <summary>
    /// Registers <see cref="GraphCalendar"/> as <see cref="ICalendar"/> when Graph is configured
    /// (any of the tenant, client id, secret or organizer set) and does nothing otherwise, so the
    /// host can follow with <c>TryAddSingleton&lt;ICalendar, LocalCalendar&gt;()</c>. A partial
    /// configuration fails here with the missing variables named.
    /// </summary>
    /// <param name="configureCredential">
    /// Adjusts the Entra client (tests aim it at a loopback issuer and trust its certificate).
    /// </param>
    public static IServiceCollection AddGraphCalendar(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<ClientSecretCredentialOptions>? configureCredential = null)
    {
        var options = new GraphOptions();
        configuration.GetSection(GraphOptions.Section).Bind(options);
        options.TenantId ??= configuration["AZURE_TENANT_ID"];
        options.ClientId ??= configuration["AZURE_CLIENT_ID"];
        options.ClientSecret ??= configuration["AZURE_CLIENT_SECRET"];
        if (!options.IsRequested)
        {
            return services;
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(GraphOptions.Section, typeof(GraphOptions), errors);
        }

        services.AddSingleton(Options.Create(options));
        services.AddSingleton(_ => CreateClient(options, configureCredential));
        services.AddSingleton<ICalendar, GraphCalendar>();
        return services;
    }

    private static GraphServiceClient CreateClient(
        GraphOptions options, Action<ClientSecretCredentialOptions>? configureCredential)
    {
        var credentialOptions = new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost };
        configureCredential?.Invoke(credentialOptions);
        var credential = new ClientSecretCredential(
            options.TenantId, options.ClientId, options.ClientSecret, credentialOptions);

        // The SDK attaches tokens only to hosts on this list, and its default list holds only
        // Graph's own hosts, so name the configured one (PROTOCOLS.md C5).
        var authentication = new AzureIdentityAuthenticationProvider(
            credential, [options.BaseUrl.Host], null, isCaeEnabled: true, options.Scope);
        return new GraphServiceClient(authentication, options.BaseUrl.AbsoluteUri.TrimEnd('/'));
    }
}
