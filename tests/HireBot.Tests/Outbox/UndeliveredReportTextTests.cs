using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Support;

namespace HireBot.Tests.Outbox;

public class UndeliveredReportTextTests
{
    private static Delivery Failed(string key, string kind, JsonObject data, string recipient = "person:grace@example.com") =>
        new(1, key, recipient, kind, data, 1, null, Guid.NewGuid(), TestClock.UtcNow);

    [Fact]
    public void A_panelists_reminders_for_one_interview_are_one_report_and_other_messages_one_each()
    {
        var interview = Guid.NewGuid().ToString();
        var reminders = new[] { $"nudge:{interview}:grace@example.com:1", $"nudge:{interview}:grace@example.com:2", $"manual-nudge:{interview}:grace@example.com:202612011000" }
            .Select(k => UndeliveredReports.Report(Failed(k, "nudge", new JsonObject { ["interviewId"] = interview, ["round"] = "Coding" }), "x", Guid.NewGuid(), "rita@example.com", "Ada", "ada@example.com", "Grace").Key)
            .Distinct().ToList();
        Assert.Single(reminders);
        var kits = ((string[])["kit:a:grace@example.com", "kit:b:grace@example.com"])
            .Select(k => UndeliveredReports.Report(Failed(k, "kit", new JsonObject()), "x", Guid.NewGuid(), "rita@example.com", "Ada", "ada@example.com", "Grace").Key)
            .Distinct().ToList();
        Assert.Equal(2, kits.Count);
        Assert.All(reminders.Concat(kits), k => Assert.True(UndeliveredReports.IsReport(k)));
    }

    [Theory]
    [InlineData("this person has not used HireBot in Teams yet, so the bot cannot message them there", "open a chat with HireBot in Teams")]
    [InlineData("chat.postMessage: not_in_channel", "/invite @HireBot")]
    [InlineData("chat.postMessage: channel_not_found", "role channel")]
    [InlineData("users.lookupByEmail: users_not_found", "check the address")]
    [InlineData("gave up after 8 attempts: network: ConnectionError", "kept failing")]
    public void The_advice_follows_the_reason_the_platform_gave(string reason, string advice) =>
        Assert.Contains(advice, UndeliveredReports.Advice(reason));

    [Fact]
    public void The_report_says_who_what_why_and_where_to_look()
    {
        var report = UndeliveredReports.Report(Failed("digest:l", "digest", new JsonObject(), "conversation:slack:C1"), "chat.postMessage: not_in_channel",
            Guid.NewGuid(), "rita@example.com", "Ada Lovelace", "ada@example.com", UndeliveredReports.Who("conversation:slack:C1", null));
        Assert.Equal("person:rita@example.com", report.Recipient);
        Assert.Equal("Not delivered: the hiring digest for Ada Lovelace", report.Data["title"]!.GetValue<string>());
        Assert.Equal("the hiring channel did not get the hiring digest for Ada Lovelace: chat.postMessage: not_in_channel. " +
                     "Invite the bot to the channel (`/invite @HireBot`), or pick another one with `role channel`. " +
                     "`status ada@example.com` lists every message of this loop that did not arrive.", report.Data["text"]!.GetValue<string>());
    }
}
