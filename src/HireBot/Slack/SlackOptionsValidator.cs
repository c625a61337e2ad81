using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>Start-up validation; every message names the environment variable to fix.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions o)
    {
        var errors = new List<string>();
        if (!IsHttpBase(o.ApiBaseUrl))
        {
            errors.Add("SLACK_API_BASE_URL must be an absolute http(s) URL ending in '/'.");
        }

        if (!Uri.TryCreate(o.AuthorizeUrl, UriKind.Absolute, out _))
        {
            errors.Add("SLACK_AUTHORIZE_URL must be an absolute URL.");
        }

        if (o.MaxBodyBytes is < 1024 or > 10 * 1024 * 1024)
        {
            errors.Add("SLACK_MAX_BODY_BYTES must be between 1024 and 10485760.");
        }

        if (o.BotToken.Length > 0 && !o.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("SLACK_BOT_TOKEN must be a bot token starting with 'xoxb-'.");
        }

        if ((o.BotToken.Length > 0 || o.OAuthEnabled) && o.SigningSecret.Length == 0)
        {
            errors.Add("SLACK_SIGNING_SECRET is required when Slack is configured.");
        }

        if (o.TokenEncryptionKey.Length > 0 && !SlackTokenProtector.IsValidKey(o.TokenEncryptionKey))
        {
            errors.Add("SLACK_TOKEN_ENCRYPTION_KEY must be base64 of exactly 32 bytes.");
        }

        if (o.OAuthEnabled)
        {
            if (o.ClientSecret.Length == 0)
            {
                errors.Add("SLACK_CLIENT_SECRET is required when SLACK_CLIENT_ID is set.");
            }

            if (o.TokenEncryptionKey.Length == 0)
            {
                errors.Add("SLACK_TOKEN_ENCRYPTION_KEY is required when SLACK_CLIENT_ID is set.");
            }

            if (!Uri.TryCreate(o.OAuthRedirectUrl, UriKind.Absolute, out _))
            {
                errors.Add("SLACK_OAUTH_REDIRECT_URL must be the absolute URL of /slack/oauth/callback when SLACK_CLIENT_ID is set.");
            }

            if (o.AllowedTeamIds.Length == 0)
            {
                errors.Add("SLACK_ALLOWED_TEAM_IDS is required when SLACK_CLIENT_ID is set: with the OAuth install flow on, any Slack " +
                           "workspace can install HireBot from /slack/install and use it. List the team ids (T…) that may use it, " +
                           "or set SLACK_ALLOWED_TEAM_IDS=* to admit every workspace on purpose.");
            }
        }

        if (o.OpenAdmission && o.AllowedTeamIds.Length > 1)
        {
            errors.Add("SLACK_ALLOWED_TEAM_IDS is either * (every workspace) or a list of team ids, not both.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpBase(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && url.EndsWith('/');
}
