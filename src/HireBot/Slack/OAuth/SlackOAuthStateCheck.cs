namespace HireBot.Slack;

/// <summary>Outcome of checking the OAuth state on the callback; only Valid proceeds to the code exchange.</summary>
public enum SlackOAuthStateCheck
{
    Valid,
    Missing,
    Forged,
    Expired,
    NotThisBrowser,
}
