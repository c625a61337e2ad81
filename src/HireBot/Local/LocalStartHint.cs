using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HireBot.Local;

/// <summary>
/// In local mode, once Kestrel listens, says where and what to type first, so a new user of
/// <c>dotnet run</c> is not left with a silent console.
/// </summary>
public static partial class LocalStartHint
{
    public static void Register(WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return;
        LogListening(app.Logger, address, address);
    });

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message =
        "HireBot is listening on {Address} in local mode (local channel, local calendar). Try: " +
        "curl -s {Base}/local/messages -H 'content-type: application/json' -d '{{\"from\":\"you@example.com\",\"text\":\"help\",\"id\":\"h1\"}}' " +
        "then read its answer from /local/messages?replyTo=h1&wait=10, " +
        "or run the whole loop with: dotnet run --project src/HireBot -- demo")]
    private static partial void LogListening(ILogger logger, string address, string @base);
}
