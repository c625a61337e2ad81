namespace HireBot.Teams;

/// <summary>Why an inbound request was refused. For logs only; never sent to the caller.</summary>
public enum BotAuthFailure
{
    None,
    MissingAuthorizationHeader,
    NotBearerScheme,
    NotConfigured,
    LocalModeNotLoopback,
    MalformedToken,
    Expired,
    NotYetValid,
    WrongIssuer,
    WrongAudience,
    BadSignature,
    UnknownSigningKey,
    DisallowedAlgorithm,
    InvalidToken,
    MetadataUnavailable,
    MalformedActivity,
    MissingEndorsement,
    MissingServiceUrlClaim,
    ServiceUrlMismatch,
}
