namespace HireBot.Slack;

/// <summary>Outcome of <see cref="SlackSignatureVerifier.Verify"/>; only <see cref="Valid"/> lets a request through.</summary>
public enum SlackSignatureCheck
{
    Valid,
    NoSecretConfigured,
    MissingHeaders,
    MalformedTimestamp,
    OutsideWindow,
    UnknownVersion,
    Mismatch,
}
