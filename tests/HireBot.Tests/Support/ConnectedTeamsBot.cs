using System.Text;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Teams;

namespace HireBot.Tests.Support;

/// <summary>
/// The real host with Teams connected to loopback fakes: a fake Entra whose endorsed key signs the
/// connector's tokens, and a fake Bot Connector recording what the bot sends back.
/// </summary>
public sealed class ConnectedTeamsBot : IAsyncDisposable
{
    public FakeEntra Entra { get; }
    public FakeBotConnector Connector { get; }
    public BotApp Bot { get; }

    private ConnectedTeamsBot(FakeEntra entra, FakeBotConnector connector, BotApp bot) => (Entra, Connector, Bot) = (entra, connector, bot);

    public static async Task<ConnectedTeamsBot> StartAsync(string name, IDictionary<string, string?>? extra = null, string? connectionString = null)
    {
        var entra = await FakeEntra.StartAsync();
        var connector = await FakeBotConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TeamsTestHost.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["Teams:AllowedTenantIds"] = TeamsTestHost.AdmittedTenants,
            ["Teams:OpenIdMetadataUrl"] = entra.MetadataUrl,
            ["Teams:AuthorityHost"] = entra.BaseUrl,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var bot = await BotApp.StartAsync(name, settings, connectionString, Faults.PlatformTraffic.TrustFakeEntra);
        return new ConnectedTeamsBot(entra, connector, bot);
    }

    /// <summary>Posts an activity with a valid connector token (or the one given).</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        // Teams delivers an activity only from a conversation the bot is in; a personal one means the user has the app.
        if (activity["conversation"]?["id"]?.GetValue<string>() is { } conversation)
        {
            Connector.SawActivity(conversation);
            if (activity["conversation"]?["conversationType"]?.GetValue<string>() == "personal" && activity["from"]?["id"]?.GetValue<string>() is { } user)
                Connector.InstallPersonally(user, conversation);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (token ?? JwtFactory.Connector(Entra.EndorsedKey, TeamsTestHost.AppId, Connector.ServiceUrl)));
        return Bot.Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await Entra.DisposeAsync();
    }
}
