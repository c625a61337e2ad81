namespace HireBot.Teams;

/// <summary>
/// Local mode opens /api/messages to tokenless loopback tools. The authenticator already checks
/// each caller's address; refusing to start on a non-loopback listen address as well means a
/// misconfigured server never even offers the open endpoint to the network.
/// </summary>
public static class LocalMode
{
    public static void EnsureLoopbackOnly(IConfiguration configuration)
    {
        var enabled = configuration.GetValue<bool>("Teams:DangerouslyAllowUnauthenticatedLoopback");
        if (!enabled || !string.IsNullOrEmpty(configuration["MicrosoftAppId"] ?? configuration["Teams:MicrosoftAppId"])) return;
        var urls = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:3978")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            var host = new Uri(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0")).Host;
            if (host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
                throw new InvalidOperationException(
                    $"Teams__DangerouslyAllowUnauthenticatedLoopback is on, but the bot would listen on {url}. Local mode only runs on a loopback address (http://127.0.0.1:3978).");
        }
    }
}
