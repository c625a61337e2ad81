using System.Net;
using System.Text;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Support;
using Xunit.Abstractions;

namespace HireBot.Tests.Faults;

/// <summary>
/// Issue 8, item 3: a few hundred seeded hostile bodies on every endpoint — Slack bodies with
/// valid signatures over the garbage (so the parsers, not the signature check, face them),
/// Teams bodies with and without a valid token, the local channel. Never a 5xx; the host still
/// answers /healthz afterwards.
/// </summary>
public class FuzzedBodyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PerEndpoint = 250;
    private FakeSlack _slack = null!;
    private FakeEntra _entra = null!;
    private FakeBotConnector _connector = null!;
    private PlatformTraffic _traffic = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _entra = await FakeEntra.StartAsync();
        _connector = await FakeBotConnector.StartAsync();
        _traffic = new PlatformTraffic(_slack, _entra, _connector);
        _traffic.AddSlackUsers(2);
        _bot = await BotApp.StartAsync(nameof(FuzzedBodyTests), _traffic.Settings(), configureServices: PlatformTraffic.TrustFakeEntra);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _entra.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public static TheoryData<string> Endpoints() =>
        ["/api/messages (token)", "/api/messages (no token)", "/slack/commands", "/slack/interactions", "/slack/events", "/local/messages", "/local/actions"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Hostile_bodies_never_get_a_server_error_and_the_host_stays_up(string endpoint)
    {
        var fuzzer = new BodyFuzzer(seed: endpoint.Length * 7919);
        var valid = await ValidBodyAsync(endpoint);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < PerEndpoint; i++)
        {
            var body = fuzzer.Mutate(valid);
            using var response = await _bot.Http.SendAsync(Request(endpoint, body));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
                failures.Add($"{status} for body #{i}: {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 160)])} → {await response.Content.ReadAsStringAsync()}");
        }
        output.WriteLine($"{endpoint}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));

        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, (await _bot.Http.GetAsync("/healthz")).StatusCode);
    }

    private async Task<string> ValidBodyAsync(string endpoint)
    {
        using var request = endpoint switch
        {
            "/slack/commands" => _traffic.SlackCommand(0, "role list"),
            "/slack/interactions" => PlatformTraffic.SlackBlockAction(0, "fuzz.ping"),
            "/slack/events" => SlackSigner.Json("/slack/events",
                """{"token":"x","team_id":"T0FAKE001","api_app_id":"A1","type":"event_callback","event_id":"Ev1","event_time":1,"event":{"type":"app_home_opened","user":"U0LOAD000","channel":"D1","tab":"home"}}""",
                TestClock.Now),
            "/local/messages" => new HttpRequestMessage { Content = new StringContent("""{"from":"rita@example.com","text":"role create fz \"Fuzz Role\"","name":"Rita","conversation":"c1"}""") },
            "/local/actions" => new HttpRequestMessage { Content = new StringContent("""{"from":"rita@example.com","verb":"fuzz.ping","data":{"round":"r-1","n":[1,2]}}""") },
            _ => _traffic.TeamsMessage(0, "role list", "fuzz-activity"),
        };
        return await request.Content!.ReadAsStringAsync();
    }

    private HttpRequestMessage Request(string endpoint, byte[] body)
    {
        var now = TestClock.Now;
        return endpoint switch
        {
            "/api/messages (token)" => _traffic.TeamsRaw(body, withToken: true),
            "/api/messages (no token)" => _traffic.TeamsRaw(body, withToken: false),
            "/slack/events" => Signed(endpoint, body, "application/json", now),
            "/slack/commands" or "/slack/interactions" => Signed(endpoint, body, "application/x-www-form-urlencoded", now),
            _ => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Content(body, "application/json") },
        };
    }

    /// <summary>Signed over the exact bytes sent, as Slack signs the raw body.</summary>
    private static HttpRequestMessage Signed(string path, byte[] body, string contentType, DateTimeOffset at)
    {
        var ts = at.ToUnixTimeSeconds();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSigner.Secret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{ts}:"), .. body]);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Content(body, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexString(mac).ToLowerInvariant());
        return request;
    }

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }
}
