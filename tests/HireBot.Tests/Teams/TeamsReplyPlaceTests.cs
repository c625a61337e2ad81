using HireBot.Teams;

namespace HireBot.Tests.Teams;

public class TeamsReplyPlaceTests
{
    [Theory]
    [InlineData("help", false)]
    [InlineData("role list", false)]
    [InlineData("role   show be-sr", false)]
    [InlineData("no such command", false)]
    [InlineData("status", true)]
    [InlineData("status ada@example.com", true)]
    [InlineData("candidate show ada@example.com", true)]
    [InlineData("candidate list", true)]
    [InlineData("summary ada@example.com", true)]
    [InlineData("schedule ada@example.com", true)]
    public void Answers_about_candidates_or_the_senders_own_work_are_private(string text, bool isPrivate) =>
        Assert.Equal(isPrivate, TeamsReplyPlace.IsPrivate(text));

    private static TeamsCommand Command(string conversationId, string type, string? activityId) =>
        new(new TeamsConversationReference("https://smba.example/", "msteams", conversationId, type, "t", "28:bot", "29:u", null, null), activityId, "help", null);

    [Theory]
    [InlineData("19:c@thread.tacv2;messageid=17", "channel", "18", "19:c@thread.tacv2;messageid=17")] // a reply in a thread: that thread
    [InlineData("19:c@thread.tacv2", "channel", "17", "19:c@thread.tacv2;messageid=17")]              // a new post: its own thread
    [InlineData("19:g@thread.v2", "groupChat", "5", "19:g@thread.v2")]
    [InlineData("a:1-personal", "personal", "5", "a:1-personal")]
    public void A_channel_post_is_answered_in_its_thread_and_a_chat_in_the_chat(string conversationId, string type, string activityId, string expected) =>
        Assert.Equal(expected, TeamsBot.ReplyConversation(Command(conversationId, type, activityId)));
}
