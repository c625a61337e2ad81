using HireBot.Hiring;

namespace HireBot.Tests.Hiring;

/// <summary>How a role's hiring channel is shown in <c>role list</c> and <c>role show</c>: never as an internal id.</summary>
public class HiringChannelTests
{
    [Theory]
    [InlineData(null, null, "not set (digests go to the recruiters)")]
    [InlineData("conversation:slack:T0AAA/C0HIRING", null, "<#C0HIRING>")]
    // The kind Teams gave when the channel was set decides; a channel id without the usual shape (the Playground's) is still a channel.
    [InlineData("conversation:teams:team-id", "channel", "a Teams channel")]
    [InlineData("conversation:teams:19:abc@thread.tacv2;messageid=1", null, "a Teams channel")]
    [InlineData("conversation:teams:19:meeting_x@thread.v2", "groupChat", "a Teams group chat")]
    [InlineData("conversation:teams:a:1xyz", null, "a Teams conversation")]
    [InlineData("conversation:local:hiring", null, "hiring")]
    public void A_channel_is_shown_as_people_read_it(string? recipient, string? kind, string shown) =>
        Assert.Equal(shown, HiringChannel.Display(recipient, kind));
}
