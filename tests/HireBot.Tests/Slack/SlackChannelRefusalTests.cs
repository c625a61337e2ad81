using HireBot.Slack;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Slack;

/// <summary>
/// The Web API client against FakeSlack's documented refusals: what the bot sees of channels
/// (conversations.info), joining them (conversations.join), and how each refusal is classified.
/// </summary>
public sealed class SlackChannelRefusalTests : IAsyncLifetime
{
    private FakeSlack slack = null!;
    private HttpClient http = null!;
    private SlackWebApiClient client = null!;
    private static CancellationToken Ct => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public async Task InitializeAsync()
    {
        slack = await FakeSlack.StartAsync();
        slack.AddChannel(new FakeSlackChannel("C0PUB", "hiring-be"));
        slack.AddChannel(new FakeSlackChannel("C0IN", "hiring-fe", BotIsMember: true));
        slack.AddChannel(new FakeSlackChannel("C0PRIV", "hiring-exec", IsPrivate: true));
        slack.AddChannel(new FakeSlackChannel("C0PRIVIN", "hiring-legal", IsPrivate: true, BotIsMember: true));
        slack.AddChannel(new FakeSlackChannel("C0OLD", "hiring-2019", IsArchived: true));
        slack.AddChannel(new FakeSlackChannel("C0GONE", "gone", Deleted: true));
        http = new HttpClient { BaseAddress = new Uri(slack.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(1) };
        client = new SlackWebApiClient(http, Options.Create(new SlackOptions { ApiBaseUrl = slack.ApiBaseUrl }));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task Conversations_info_reads_membership_privacy_and_archival_as_a_form_call()
    {
        var pub = await client.GetConversationAsync(FakeSlack.BotToken, "C0PUB", Ct);
        var invited = await client.GetConversationAsync(FakeSlack.BotToken, "C0PRIVIN", Ct);
        var old = await client.GetConversationAsync(FakeSlack.BotToken, "C0OLD", Ct);

        Assert.Equal(("C0PUB", "#hiring-be", false, false, false), (pub.Id, pub.Shown, pub.IsPrivate, pub.IsArchived, pub.IsMember));
        Assert.Equal((true, true), (invited.IsPrivate, invited.IsMember));
        Assert.True(old.IsArchived);
        var call = slack.CallsTo("conversations.info")[0];
        Assert.Equal(("C0PUB", "Bearer " + FakeSlack.BotToken), (call.Form["channel"], call.Authorization));
    }

    [Theory]
    [InlineData("C0PRIV")] // private, bot not invited: Slack does not show it to the bot
    [InlineData("C0GONE")] // deleted
    public async Task A_channel_the_bot_cannot_see_is_channel_not_found_and_final(string id)
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.GetConversationAsync(FakeSlack.BotToken, id, Ct));

        Assert.Equal(("conversations.info", "channel_not_found", SlackFailureKind.Final), (e.Method, e.ErrorCode, e.Kind));
    }

    [Fact]
    public async Task Joining_a_public_channel_makes_the_bot_a_member_and_a_second_join_only_warns()
    {
        var joined = await client.JoinConversationAsync(FakeSlack.BotToken, "C0PUB", Ct);
        var again = await client.JoinConversationAsync(FakeSlack.BotToken, "C0PUB", Ct);

        Assert.True(joined.IsMember);
        Assert.True(again.IsMember);
        Assert.True(slack.Channel("C0PUB")!.BotIsMember);
        Assert.Equal("C0PUB", slack.CallsTo("conversations.join")[0].Json.GetProperty("channel").GetString());
    }

    [Theory]
    [InlineData("C0PRIVIN", "method_not_supported_for_channel_type")]
    [InlineData("C0PRIV", "channel_not_found")]
    [InlineData("C0OLD", "is_archived")]
    public async Task Joining_a_private_or_archived_channel_is_refused_and_final(string id, string code)
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.JoinConversationAsync(FakeSlack.BotToken, id, Ct));

        Assert.Equal(("conversations.join", code, SlackFailureKind.Final), (e.Method, e.ErrorCode, e.Kind));
    }

    [Theory]
    [InlineData("C0PUB", "not_in_channel", "invite")]
    [InlineData("C0PRIV", "channel_not_found", "private")]
    [InlineData("C0OLD", "is_archived", "archived")]
    [InlineData("C0GONE", "channel_not_found", "does not exist")]
    public async Task Posting_where_the_bot_may_not_is_refused_as_slack_does_with_a_reason_to_act_on(string id, string code, string reason)
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(FakeSlack.BotToken, new SlackMessage(id, "Digest"), Ct));

        Assert.Equal(("chat.postMessage", code, SlackFailureKind.Final), (e.Method, e.ErrorCode, e.Kind));
        Assert.Contains(reason, e.Reason);
        Assert.Contains(code, e.Reason);
    }

    [Fact]
    public async Task Posting_in_a_channel_the_bot_is_in_or_joined_succeeds()
    {
        await client.PostMessageAsync(FakeSlack.BotToken, new SlackMessage("C0IN", "Digest"), Ct);
        await client.JoinConversationAsync(FakeSlack.BotToken, "C0PUB", Ct);
        var posted = await client.PostMessageAsync(FakeSlack.BotToken, new SlackMessage("C0PUB", "Digest"), Ct);

        Assert.Equal("C0PUB", posted.ChannelId);
    }

    [Fact]
    public async Task An_unknown_user_is_user_not_found_and_final()
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.GetUserAsync(FakeSlack.BotToken, "U0NOBODY", Ct));

        Assert.Equal(("users.info", "user_not_found", SlackFailureKind.Final), (e.Method, e.ErrorCode, e.Kind));
    }

    [Fact]
    public async Task An_unreachable_slack_is_retryable_and_said_plainly()
    {
        slack.Unreachable = true;

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.GetConversationAsync(FakeSlack.BotToken, "C0PUB", Ct));

        Assert.Equal(("http_transport", SlackFailureKind.Retryable), (e.ErrorCode, e.Kind));
        Assert.Contains("Slack is not answering", e.Reason);
        Assert.Single(slack.CallsTo("conversations.info")); // the call reached the fake and was dropped
    }

    [Fact]
    public async Task A_slack_slower_than_the_client_timeout_is_a_retryable_timeout()
    {
        slack.Delay = TimeSpan.FromSeconds(10);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.GetUserAsync(FakeSlack.BotToken, "W012A3CDE", Ct));

        Assert.Equal(("http_timeout", SlackFailureKind.Retryable), (e.ErrorCode, e.Kind));
    }
}
