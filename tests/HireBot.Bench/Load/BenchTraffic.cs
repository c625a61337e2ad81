using System.Globalization;
using System.Text;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Faults;
using HireBot.Tests.Support;

namespace HireBot.Bench.Load;

/// <summary>
/// The load's requests, each carrying a key that its reply carries back: Slack slash commands and
/// block actions with a response_url of their own (<c>/hooks/{id}</c> on the fake Slack), signed per
/// request; Teams messages and <c>adaptiveCard/action</c> invokes whose conversation id is the user's
/// 1:1 chat for this phase (the bot answers a message by posting to its conversation, in order, so
/// replies are matched first in, first out per conversation). Teams users are spread over
/// <see cref="Tenants"/> tenants, as many companies use one bot: Teams allows an app 50 sends per
/// second per tenant, and one tenant would make the bench measure that limit.
/// </summary>
public sealed class BenchTraffic(PlatformTraffic platform, FakeSlack slack, FakeBotConnector connector, int tenants)
{
    public const string AppId = PlatformTraffic.AppId;

    public IEnumerable<string> Tenants => Enumerable.Range(0, tenants).Select(Tenant);

    private static string Tenant(int n) => n == 0 ? PlatformTraffic.TenantId : $"7a000000-0000-4000-8000-{n:D12}";

    public HttpRequestMessage SlackCommand(int user, string text, string id) =>
        SlackSigner.Form("/slack/commands",
            $"command=%2Fhire&text={Uri.EscapeDataString(text)}&team_id={FakeSlack.TeamId}&user_id={PlatformTraffic.SlackUser(user)}" +
            $"&channel_id=C0LOAD&response_url={Uri.EscapeDataString(slack.ResponseUrl(id))}&trigger_id=t{id}",
            TestClock.Now);

    public HttpRequestMessage SlackAction(int user, string verb, string id)
    {
        var u = PlatformTraffic.SlackUser(user);
        var payload = $$"""{"type":"block_actions","team":{"id":"{{FakeSlack.TeamId}}"},"user":{"id":"{{u}}","team_id":"{{FakeSlack.TeamId}}"},"channel":{"id":"C0LOAD"},"trigger_id":"t{{id}}","response_url":"{{slack.ResponseUrl(id)}}","actions":[{"action_id":"{{verb}}#1","block_id":"b1","type":"button","value":"{}"}]}""";
        return SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), TestClock.Now);
    }

    /// <summary>The 1:1 conversation of <paramref name="user"/> in phase <paramref name="phase"/>.</summary>
    public static string Conversation(int user, string phase) => $"a:1-load-{phase}-{user}";

    public HttpRequestMessage TeamsMessage(int user, string phase, string text, string id) =>
        Teams(Activity(user, phase, "message", id, $",\"text\":\"{text}\",\"textFormat\":\"plain\"}}"));

    public HttpRequestMessage TeamsInvoke(int user, string phase, string verb, string id) =>
        Teams(Activity(user, phase, "invoke", id,
            $",\"name\":\"adaptiveCard/action\",\"value\":{{\"action\":{{\"type\":\"Action.Execute\",\"verb\":\"{verb}\",\"data\":{{\"n\":{user}}}}},\"trigger\":\"manual\"}}}}"));

    private string Activity(int user, string phase, string type, string id, string tail)
    {
        var tenant = Tenant(user % tenants);
        var at = TestClock.Now.ToString("O", CultureInfo.InvariantCulture);
        return $"{{\"type\":\"{type}\",\"id\":\"{id}\",\"timestamp\":\"{at}\",\"serviceUrl\":\"{connector.ServiceUrl}\",\"channelId\":\"msteams\"," +
            $"\"from\":{{\"id\":\"29:1-load-user-{user}\",\"name\":\"Load User {user}\",\"aadObjectId\":\"00000000-0000-0000-0000-{user:D12}\"}}," +
            $"\"conversation\":{{\"conversationType\":\"personal\",\"tenantId\":\"{tenant}\",\"id\":\"{Conversation(user, phase)}\"}}," +
            $"\"recipient\":{{\"id\":\"28:{AppId}\",\"name\":\"HireBot\"}},\"channelData\":{{\"tenant\":{{\"id\":\"{tenant}\"}}}}" + tail;
    }

    private HttpRequestMessage Teams(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + platform.Token());
        return request;
    }
}
