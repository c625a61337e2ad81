using HireBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using System.Text;
using System.Text.Json.Nodes;
using HireBot.Teams;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Faults;

/// <summary>
/// Requests as the platforms send them, for load and fault runs: Slack slash commands and
/// block actions signed with the signing secret, Teams messages and <c>adaptiveCard/action</c>
/// invokes with a connector JWT from the fake Entra's endorsed key. The token is minted once a
/// minute (real connector tokens live an hour), so signing cost stays off the hot path.
/// Shared with tests/HireBot.Bench, which links this file.
/// </summary>
public sealed class PlatformTraffic(FakeSlack slack, FakeEntra entra, FakeBotConnector connector)
{
    public const string AppId = "5d1c7e0a-3b7f-4a8e-9a51-2f3c4d5e6f70";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private readonly Lock _gate = new();
    private string _token = "";
    private DateTime _mintedAt = DateTime.MinValue;

    /// <summary>Host settings that point Slack and Teams at the fakes.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
        ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
        ["SLACK_API_BASE_URL"] = slack.ApiBaseUrl,
        ["SLACK_RESPONSE_URL_HOSTS"] = "127.0.0.1",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "test-secret",
        ["Teams:AllowedTenantIds"] = TenantId + ",00000000-0000-0000-0000-0000000000001",
        ["Teams:OpenIdMetadataUrl"] = entra.MetadataUrl,
        ["Teams:AuthorityHost"] = entra.BaseUrl,
    };

    /// <summary>The fake Entra speaks TLS with a self-signed certificate: the host's two Teams clients trust exactly it.</summary>
    public static void TrustFakeEntra(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(BotFrameworkKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(LoopbackCertificate.TrustingHandler);
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(LoopbackCertificate.TrustingHandler);
    }

    /// <summary>Slack users U0LOAD000… with work emails load0@example.com…, so commands resolve an actor.</summary>
    public static string SlackUser(int n) => $"U0LOAD{n:D3}";

    public void AddSlackUsers(int count)
    {
        for (var i = 0; i < count; i++)
            slack.AddUser(new FakeSlackUser(SlackUser(i), $"load{i}@example.com", $"Load User {i}", "Europe/Berlin"));
    }

    public HttpRequestMessage SlackCommand(int user, string text) =>
        SlackSigner.Form("/slack/commands",
            $"command=%2Fhire&text={Uri.EscapeDataString(text)}&team_id={FakeSlack.TeamId}&user_id={SlackUser(user)}" +
            $"&channel_id=C0LOAD&response_url={Uri.EscapeDataString(slack.ResponseUrl("load"))}&trigger_id=t{user}",
            TestClock.Now);

    public static HttpRequestMessage SlackBlockAction(int user, string verb)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId },
            ["user"] = new JsonObject { ["id"] = SlackUser(user), ["team_id"] = FakeSlack.TeamId },
            ["channel"] = new JsonObject { ["id"] = "C0LOAD" },
            ["trigger_id"] = $"t{user}",
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = verb + "#1", ["block_id"] = "b1", ["type"] = "button", ["value"] = "{}" }),
        };
        return SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), TestClock.Now);
    }

    public HttpRequestMessage TeamsMessage(int user, string text, string activityId)
    {
        var activity = Activity(user, "message", activityId);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return Teams(activity);
    }

    public HttpRequestMessage TeamsInvoke(int user, string verb, string activityId)
    {
        var activity = Activity(user, "invoke", activityId);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["n"] = user } },
            ["trigger"] = "manual",
        };
        return Teams(activity);
    }

    /// <summary>A Teams POST with an arbitrary body and a valid token (for fuzzing past authentication).</summary>
    public HttpRequestMessage TeamsRaw(byte[] body, bool withToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (withToken) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token());
        return request;
    }

    /// <summary>The 1:1 conversation id of Teams user <paramref name="user"/>.</summary>
    public static string TeamsConversation(int user) => $"a:1-load-personal-{user}";

    private JsonObject Activity(int user, string type, string activityId) => new()
    {
        ["type"] = type,
        ["id"] = activityId,
        ["timestamp"] = TestClock.Now.ToString("O"),
        ["serviceUrl"] = connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = $"29:1-load-user-{user}", ["name"] = $"Load User {user}", ["aadObjectId"] = $"00000000-0000-0000-0000-{user:D12}" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = TeamsConversation(user) },
        ["recipient"] = new JsonObject { ["id"] = $"28:{AppId}", ["name"] = "HireBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    private HttpRequestMessage Teams(JsonObject activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token());
        return request;
    }

    /// <summary>A current connector token (minted once a minute); the load bench's Teams requests use it too.</summary>
    public string Token()
    {
        lock (_gate)
        {
            if (TestClock.UtcNow - _mintedAt > TimeSpan.FromMinutes(1))
            {
                _token = JwtFactory.Connector(entra.EndorsedKey, AppId, connector.ServiceUrl);
                _mintedAt = TestClock.UtcNow;
            }
            return _token;
        }
    }
}
