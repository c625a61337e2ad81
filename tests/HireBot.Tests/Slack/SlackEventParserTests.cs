using System.Text;
using HireBot.Slack;

namespace HireBot.Tests.Slack;

public sealed class SlackEventParserTests
{
    private static SlackParsed<SlackEventRequest> Parse(string json, string? retryNum = null, string? reason = null) =>
        SlackEventParser.Parse(Encoding.UTF8.GetBytes(json), retryNum, reason);

    private static string Callback(string eventJson) =>
        $$"""{"token":"x","team_id":"T061EG9R6","api_app_id":"A0PNCHHK2","type":"event_callback","event_id":"Ev0PV52K25","event_time":1355517523,"event":{{eventJson}}}""";

    [Fact]
    public void Url_verification_yields_the_challenge() =>
        Assert.Equal(new SlackUrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
            Parse("""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""").Value);

    [Fact]
    public void App_uninstalled_is_a_revocation_of_the_whole_team()
    {
        var callback = Assert.IsType<SlackEventCallback>(Parse(Callback("""{"type":"app_uninstalled"}""")).Value);

        Assert.Equal(("Ev0PV52K25", "T061EG9R6", "A0PNCHHK2", 1355517523L), (callback.EventId, callback.TeamId, callback.ApiAppId, callback.EventTime));
        var revocation = Assert.IsType<SlackRevocation>(callback.Event);
        Assert.True(revocation.AppUninstalled);
    }

    [Fact]
    public void Tokens_revoked_lists_the_bot_and_user_ids()
    {
        var callback = Assert.IsType<SlackEventCallback>(Parse(Callback("""{"type":"tokens_revoked","tokens":{"oauth":["UXXXXXXXX"],"bot":["UYYYYYYYY"]}}""")).Value);

        var revocation = Assert.IsType<SlackRevocation>(callback.Event);
        Assert.False(revocation.AppUninstalled);
        Assert.Equal(["UYYYYYYYY"], revocation.BotUserIds);
        Assert.Equal(["UXXXXXXXX"], revocation.UserIds);
    }

    [Fact]
    public void Retried_delivery_keeps_its_event_id_and_exposes_the_retry_headers()
    {
        var callback = Assert.IsType<SlackEventCallback>(Parse(Callback("""{"type":"app_home_opened","user":"U1","channel":"D1","tab":"messages"}"""), "2", "http_timeout").Value);

        Assert.Equal(("Ev0PV52K25", 2, "http_timeout"), (callback.EventId, callback.RetryNum, callback.RetryReason));
        Assert.Equal(new SlackAppHomeOpened("U1", "D1", "messages"), callback.Event);
    }

    [Fact]
    public void Unsubscribed_event_type_is_kept_by_name()
    {
        var callback = Assert.IsType<SlackEventCallback>(Parse(Callback("""{"type":"reaction_added"}""")).Value);
        Assert.Equal(new SlackOtherEvent("reaction_added"), callback.Event);
        Assert.Null(callback.RetryNum);
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T1","event":{"type":"app_uninstalled"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1","event":{"type":"app_uninstalled"}}""")]
    [InlineData("""{"type":"app_rate_limited"}""")]
    [InlineData("""{"type":"url_verification"}""")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void Envelopes_without_what_dedup_needs_are_parse_errors(string json) => Assert.False(Parse(json).Ok);
}
