using Microsoft.Extensions.Options;

namespace HireBot.Teams;

/// <summary>Checks <see cref="TeamsOptions"/> at start; every message names the setting to fix.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        if (options.IsConnected)
        {
            if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                errors.Add("Teams__MicrosoftAppPassword is required when Teams__MicrosoftAppId is set.");
            if (options.MicrosoftAppType == TeamsAppType.SingleTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                errors.Add("Teams__MicrosoftAppTenantId is required when Teams__MicrosoftAppType is SingleTenant.");
            if (options.DangerouslyAllowUnauthenticatedLoopback)
                errors.Add("Teams__DangerouslyAllowUnauthenticatedLoopback must be false when Teams__MicrosoftAppId is set.");
            if (options.MicrosoftAppType == TeamsAppType.MultiTenant && options.AllowedTenants.Count == 0)
                errors.Add("Teams__AllowedTenantIds is required for a multi-tenant app (MicrosoftAppType is MultiTenant, the default): " +
                           "a user of any Microsoft 365 tenant can add a multi-tenant bot and use it. List the tenant ids that may use " +
                           "HireBot, set Teams__AllowedTenantIds=* to admit every tenant on purpose, or register a SingleTenant app " +
                           "(MicrosoftAppType=SingleTenant, MicrosoftAppTenantId).");
        }
        else if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            errors.Add("Teams__MicrosoftAppPassword is set but Teams__MicrosoftAppId is empty.");
        }

        if (options.OpenAdmission && options.AllowedTenants.Count > 1)
            errors.Add("Teams__AllowedTenantIds is either * (every tenant) or a list of tenant ids, not both.");

        RequireUrl(errors, "Teams__OpenIdMetadataUrl", options.OpenIdMetadataUrl, httpsOnly: false);
        RequireUrl(errors, "Teams__Issuer", options.Issuer, httpsOnly: false);
        // MSAL refuses authorities that are not https ("The authority must use HTTPS scheme").
        RequireUrl(errors, "Teams__AuthorityHost", options.AuthorityHost, httpsOnly: true);
        if (string.IsNullOrWhiteSpace(options.OAuthScope))
            errors.Add("Teams__OAuthScope must not be empty.");
        if (options.MaxActivityBytes < 1024)
            errors.Add("Teams__MaxActivityBytes must be at least 1024.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireUrl(List<string> errors, string key, string? value, bool httpsOnly)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{key} must be an absolute http(s) URL.");
        else if (httpsOnly && uri.Scheme != Uri.UriSchemeHttps)
            errors.Add($"{key} must use https.");
    }
}
