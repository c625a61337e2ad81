using HireBot.Tests.Support;
using System.Net;
using System.Text.Json;
using HireBot.Slack;
using HireBot.Tests.Fakes.Slack;

namespace HireBot.Tests.Slack;

public sealed class SlackEndpointsTests : IAsyncLifetime
{
    private const string CommandForm =
        "team_id=T1&user_id=U1&channel_id=C1&command=%2Fhire&text=status&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3";

    private const string Callback =
        """{"type":"event_callback","team_id":"T1","event_id":"Ev123","event_time":1,"event":{"type":"tokens_revoked","tokens":{"bot":["UB"]}}}""";

    private SlackTestHost host = null!;

    private DateTimeOffset Now => host.Time.GetUtcNow();

    public async Task InitializeAsync() => host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string, string, string> Routes => new()
    {
        { SlackRoutes.Commands, CommandForm, "application/x-www-form-urlencoded" },
        { SlackRoutes.Interactions, "payload=" + Uri.EscapeDataString("""{"type":"view_closed","team":{"id":"T1"},"user":{"id":"U1"},"view":{"id":"V1"}}"""), "application/x-www-form-urlencoded" },
        { SlackRoutes.Events, Callback, "application/json" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_endpoint_accepts_a_signed_request_and_dispatches_it(string route, string body, string type)
    {
        var response = await host.SendAsync(SlackSigner.Request(route, body, type, Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Handler.Received);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_endpoint_rejects_an_unsigned_request_and_dispatches_nothing(string route, string body, string type)
    {
        using var request = SlackSigner.Request(route, body, type, Now);
        request.Headers.Remove("X-Slack-Signature");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(request)).StatusCode);
        Assert.Empty(host.Handler.Received);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_endpoint_rejects_stale_future_tampered_and_wrong_secret_requests(string route, string body, string type)
    {
        HttpRequestMessage[] bad =
        [
            SlackSigner.Request(route, body, type, Now.AddMinutes(-6)),
            SlackSigner.Request(route, body, type, Now.AddMinutes(6)),
            SlackSigner.Request(route, body, type, Now, secret: "wrong-secret"),
            SlackSigner.Request(route, body, type, Now, signature: SlackSigner.Sign(SlackSigner.Secret, Now.ToUnixTimeSeconds(), body + " ")),
        ];

        foreach (var request in bad)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(request)).StatusCode);
        }

        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Command_ack_body_is_returned_as_json()
    {
        host.Handler.NextAck = SlackAck.Ephemeral("Loop L-42: 2 of 4 scorecards in");

        var response = await host.SendAsync(SlackSigner.Form(SlackRoutes.Commands, CommandForm, Now));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Equal("status", Assert.IsType<SlackCommand>(Assert.Single(host.Handler.Received)).Text);
    }

    [Fact]
    public async Task View_submission_errors_keep_the_modal_open()
    {
        host.Handler.NextAck = SlackAck.ViewErrors(new Dictionary<string, string> { ["b_rating"] = "Pick a rating" });
        var payload = """{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"view":{"id":"V1","callback_id":"scorecard","state":{"values":{}}}}""";

        var response = await host.SendAsync(SlackSigner.Form(SlackRoutes.Interactions, "payload=" + Uri.EscapeDataString(payload), Now));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", json.RootElement.GetProperty("response_action").GetString());
        Assert.Equal("Pick a rating", json.RootElement.GetProperty("errors").GetProperty("b_rating").GetString());
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge_without_dispatching()
    {
        var response = await host.SendAsync(SlackSigner.Json(SlackRoutes.Events, """{"type":"url_verification","challenge":"c-123","token":"x"}""", Now));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("c-123", json.RootElement.GetProperty("challenge").GetString());
        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Retried_event_reaches_the_handler_with_the_same_event_id_and_retry_number()
    {
        await host.SendAsync(SlackSigner.Json(SlackRoutes.Events, Callback, Now));
        using var retry = SlackSigner.Json(SlackRoutes.Events, Callback, Now.AddSeconds(60));
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        host.Time.Advance(TimeSpan.FromSeconds(60));
        await host.SendAsync(retry);

        var events = host.Handler.Received.Cast<SlackEventCallback>().ToArray();
        Assert.Equal(["Ev123", "Ev123"], events.Select(e => e.EventId));
        Assert.Equal([null, 1], events.Select(e => e.RetryNum));
        Assert.Equal(["UB"], Assert.IsType<SlackRevocation>(events[1].Event).BotUserIds);
    }

    [Fact]
    public async Task Unsigned_ssl_check_probe_is_answered_and_not_dispatched()
    {
        using var probe = new HttpRequestMessage(HttpMethod.Post, SlackRoutes.Commands)
        {
            Content = new StringContent("ssl_check=1&token=abc", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(probe)).StatusCode);
        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Signed_but_unreadable_payload_is_a_400_and_not_dispatched()
    {
        var response = await host.SendAsync(SlackSigner.Form(SlackRoutes.Interactions, "payload=%7Bbroken", Now));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Signed_but_unusable_event_is_acknowledged_so_slack_does_not_retry_it()
    {
        var response = await host.SendAsync(SlackSigner.Json(SlackRoutes.Events, """{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820}""", Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Body_over_the_cap_is_refused_before_verification()
    {
        var body = "text=" + new string('a', 300 * 1024);

        var response = await host.SendAsync(SlackSigner.Form(SlackRoutes.Commands, body, Now));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Without_a_signing_secret_every_request_is_rejected()
    {
        await using var closed = await SlackTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = "", ["SLACK_BOT_TOKEN"] = "", ["SLACK_CLIENT_ID"] = "",
        });

        var response = await closed.SendAsync(SlackSigner.Request(SlackRoutes.Commands, CommandForm, "application/x-www-form-urlencoded", closed.Time.GetUtcNow(), secret: ""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(closed.Handler.Received);
        Assert.Equal(HttpStatusCode.NotFound, (await closed.Client.GetAsync(SlackRoutes.Install)).StatusCode);
    }
}
