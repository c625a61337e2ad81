namespace HireBot.Slack;

/// <summary>Expected outcomes of a response_url post; transport and HTTP failures throw <see cref="SlackApiException"/>.</summary>
public enum SlackResponseUrlOutcome
{
    Posted,

    /// <summary>The URL is not https on an allowed host; nothing was sent.</summary>
    UrlNotAllowed,
}
