using Microsoft.Identity.Client;

namespace HireBot.Teams;

/// <summary>
/// The token authority refused or could not be reached; <see cref="BotConnectorClient"/> turns it
/// into a result. A 4xx from the authority (wrong secret, unknown app) will not heal by retrying.
/// </summary>
public sealed class ConnectorTokenUnavailableException(Exception inner)
    : Exception("The Bot Connector token could not be acquired.", inner)
{
    public bool IsRetryable => InnerException is not MsalServiceException { StatusCode: >= 400 and < 500 };
}
