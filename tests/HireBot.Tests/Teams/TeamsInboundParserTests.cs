using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Teams;

namespace HireBot.Tests.Teams;

/// <summary>The Agents Playground captures parsed into channel-neutral interactions.</summary>
public sealed class TeamsInboundParserTests
{
    private static TeamsInbound Parse(JsonObject activity) =>
        TeamsInboundParser.Parse(activity.Deserialize<Activity>(TeamsJson.Options)!)!;

    [Theory]
    [InlineData("message-personal", "hello")]
    [InlineData("message-channel", "status 4821")]
    [InlineData("message-groupChat", "nudge")]
    public void Message_text_becomes_a_command_with_the_bot_mention_removed(string sample, string expected)
    {
        var command = Assert.IsType<TeamsCommand>(Parse(Samples.Activity(sample)));

        Assert.Equal(expected, command.Text);
    }

    [Theory]
    [InlineData("<at>HireBot</at>&nbsp;status 12", false, "status 12")]
    [InlineData("  <at>HireBot</at> help", false, "help")]
    [InlineData("<at>Alex</at> please <at>HireBot</at> summary 7", true, "<at>Alex</at> please   summary 7")]
    public void Bot_mention_is_stripped_with_or_without_a_mention_entity(string text, bool withEntity, string expected)
    {
        var activity = new Activity
        {
            Type = "message", Text = text, Recipient = new ChannelAccount { Id = "28:bot" },
            Entities = withEntity ? [new ActivityEntity { Type = "mention", Text = "<at>HireBot</at>", Mentioned = new ChannelAccount { Id = "28:bot" } }] : null,
        };

        Assert.Equal(expected, TeamsInboundParser.CommandTextOf(activity));
    }

    [Fact]
    public void Action_execute_invoke_becomes_a_card_action_with_verb_and_data()
    {
        var action = Assert.IsType<TeamsCardAction>(Parse(Samples.Activity("invoke-adaptiveCard-action")));

        Assert.True(action.IsInvoke);
        Assert.Equal("scorecard.submit", action.Verb);
        Assert.Equal("r-17", action.Data.GetProperty("round").GetString());
        Assert.Equal("1795388532941-aa5ad15f", action.ReplyToId);
        Assert.Equal("manual", action.Trigger);
    }

    [Fact]
    public void Action_submit_message_becomes_a_card_action_taking_the_verb_from_the_data()
    {
        var action = Assert.IsType<TeamsCardAction>(Parse(Samples.Activity("message-card-submit")));

        Assert.False(action.IsInvoke);
        Assert.Equal("note", action.Verb);
        Assert.Equal("n1", action.Data.GetProperty("note").GetString());
        Assert.Equal("1795388532109-8659a5be", action.ReplyToId);
    }

    [Theory]
    [InlineData("conversationUpdate")]
    [InlineData("installationUpdate")]
    public void Install_events_carry_the_reference_to_store(string sample)
    {
        var install = Assert.IsType<TeamsInstallEvent>(Parse(Samples.Activity(sample)));

        Assert.True(install.Installed);
        Assert.Equal(sample, install.Source);
        var reference = install.Reference;
        Assert.Equal("http://localhost:56150/_connector", reference.ServiceUrl);
        Assert.Equal("msteams", reference.ChannelId);
        Assert.Equal("b50a28a8-104c-4561-afec-aa69a9252e46", reference.ConversationId);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", reference.TenantId);
        Assert.Equal("00000000-0000-0000-0000-00000000000011", reference.BotId);
        Assert.Equal("user-id-0", reference.UserId);
        Assert.Equal("00000000-0000-0000-0000-0000000000020", reference.UserAadObjectId);
        Assert.True(reference.IsPersonal);
    }

    [Theory]
    [InlineData("remove", false)]
    [InlineData("add-upgrade", true)]
    [InlineData("remove-upgrade", false)]
    public void Installation_update_actions_map_to_installed_or_not(string action, bool installed)
    {
        var activity = Samples.Activity("installationUpdate");
        activity["action"] = action;

        Assert.Equal(installed, Assert.IsType<TeamsInstallEvent>(Parse(activity)).Installed);
    }

    [Fact]
    public void Channel_reference_keeps_the_thread_and_offers_the_base_channel_id()
    {
        var reference = Parse(Samples.Activity("message-channel")).Reference;

        Assert.Equal("team-id;messageid=1795388534568", reference.ConversationId);
        Assert.Equal("team-id", reference.BaseConversationId);
        Assert.Equal("team-id", reference.TeamId);
        Assert.Equal("channel", reference.ConversationType);
    }

    [Theory]
    [InlineData("composeExtension/query", null, "unknown invoke name")]
    [InlineData("adaptiveCard/action", "Action.Submit", "action type is not Action.Execute")]
    public void Unsupported_invokes_are_reported_as_unhandled_invokes(string name, string? actionType, string reason)
    {
        var activity = Samples.Activity("invoke-adaptiveCard-action");
        activity["name"] = name;
        if (actionType is not null)
            activity["value"]!["action"]!["type"] = actionType;

        var unhandled = Assert.IsType<TeamsUnhandled>(Parse(activity));

        Assert.True(unhandled.IsInvoke);
        Assert.Equal(reason, unhandled.Reason);
    }

    [Fact]
    public void Someone_else_joining_is_not_an_install()
    {
        var activity = Samples.Activity("conversationUpdate");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone-else" });

        Assert.IsType<TeamsUnhandled>(Parse(activity));
    }

    [Fact]
    public void Activity_without_a_conversation_cannot_be_parsed()
    {
        Assert.Null(TeamsInboundParser.Parse(new Activity { Type = "message", ServiceUrl = "https://x/", ChannelId = "msteams" }));
    }
}
