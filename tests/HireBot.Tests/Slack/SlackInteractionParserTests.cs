using System.Text;
using HireBot.Slack;

namespace HireBot.Tests.Slack;

public sealed class SlackInteractionParserTests
{
    private static SlackParsed<SlackInteraction> Parse(string json) =>
        SlackInteractionParser.Parse(Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json)));

    [Fact]
    public void Button_click_on_a_message_carries_channel_ts_response_url_and_value()
    {
        const string json = """
            {"type":"block_actions","team":{"id":"T9TK3CUKW","domain":"example"},"user":{"id":"UA8RXUSPL","team_id":"T9TK3CUKW"},
             "api_app_id":"AABA1ABCD","trigger_id":"12466734323.1395872398","container":{"type":"message","message_ts":"1548261231.000200","channel_id":"CBR2V3XEX"},
             "channel":{"id":"CBR2V3XEX","name":"review-updates"},"message":{"ts":"1548261231.000200","text":"x"},
             "response_url":"https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209",
             "actions":[{"action_id":"open_scorecard","block_id":"round_7","type":"button","value":"round:7","action_ts":"1548426417.840180"}]}
            """;

        var action = Assert.IsType<SlackBlockAction>(Parse(json).Value);

        Assert.Equal(("T9TK3CUKW", "UA8RXUSPL", "12466734323.1395872398"), (action.TeamId, action.UserId, action.TriggerId));
        Assert.Equal(("open_scorecard", "round_7", "round:7"), (action.ActionId, action.BlockId, action.Value));
        Assert.Equal(("CBR2V3XEX", "1548261231.000200"), (action.ChannelId, action.MessageTs));
        Assert.Equal("https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209", action.ResponseUrl);
        Assert.Null(action.ViewId);
    }

    [Fact]
    public void Select_inside_a_modal_carries_the_view_id_and_selected_option()
    {
        const string json = """
            {"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"t","container":{"type":"view","view_id":"V0PKB1ZFV"},
             "view":{"id":"V0PKB1ZFV","private_metadata":"loop:9"},
             "actions":[{"action_id":"rating","block_id":"b","type":"static_select","selected_option":{"text":{"type":"plain_text","text":"3"},"value":"3"}}]}
            """;

        var action = Assert.IsType<SlackBlockAction>(Parse(json).Value);

        Assert.Equal(("V0PKB1ZFV", "loop:9", "3"), (action.ViewId, action.ViewPrivateMetadata, action.Value));
        Assert.Null(action.ResponseUrl);
    }

    [Fact]
    public void View_submission_flattens_state_values_by_action_id()
    {
        const string json = """
            {"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"t2",
             "view":{"id":"VNHU13V36","callback_id":"scorecard","private_metadata":"round:7","hash":"156663117.cd33ad1f",
               "state":{"values":{
                 "b_rating":{"rating":{"type":"static_select","selected_option":{"value":"4"}}},
                 "b_notes":{"notes":{"type":"plain_text_input","value":"Strong on design"}},
                 "b_skills":{"skills":{"type":"checkboxes","selected_options":[{"value":"sql"},{"value":"go"}]}},
                 "b_date":{"when":{"type":"datepicker","selected_date":"2026-11-30"}},
                 "b_empty":{"comment":{"type":"plain_text_input","value":null}}}}}}
            """;

        var submission = Assert.IsType<SlackViewSubmission>(Parse(json).Value);

        Assert.Equal(("VNHU13V36", "scorecard", "round:7", "156663117.cd33ad1f"),
            (submission.ViewId, submission.CallbackId, submission.PrivateMetadata, submission.Hash));
        Assert.Equal(["4"], submission.Values["rating"]);
        Assert.Equal(["Strong on design"], submission.Values["notes"]);
        Assert.Equal(["sql", "go"], submission.Values["skills"]);
        Assert.Equal(["2026-11-30"], submission.Values["when"]);
        Assert.Empty(submission.Values["comment"]);
    }

    [Fact]
    public void View_submission_with_a_repeated_action_id_is_refused_rather_than_guessed()
    {
        const string json = """
            {"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},
             "view":{"id":"V1","callback_id":"c","state":{"values":{"a":{"x":{"value":"1"}},"b":{"x":{"value":"2"}}}}}}
            """;

        Assert.False(Parse(json).Ok);
    }

    [Fact]
    public void View_closed_reports_whether_the_stack_was_cleared()
    {
        const string json = """
            {"type":"view_closed","team":{"id":"T1"},"user":{"id":"U1"},"view":{"id":"V9","callback_id":"scorecard","private_metadata":"m"},"is_cleared":true}
            """;

        Assert.Equal(new SlackViewClosed("T1", "U1", null, "V9", "scorecard", "m", true), Parse(json).Value);
    }

    [Theory]
    [InlineData("""{"type":"shortcut","team":{"id":"T1"},"user":{"id":"U1"}}""", "unsupported interaction type")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"actions":[]}""", "interaction lacks team or user")]
    [InlineData("""{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"actions":[]}""", "block_actions lacks an action")]
    [InlineData("{not json", "interaction payload is not JSON")]
    public void Unusable_payloads_are_parse_errors(string json, string error) => Assert.Equal(error, Parse(json).Error);

    [Fact]
    public void Form_without_payload_field_is_a_parse_error() =>
        Assert.False(SlackInteractionParser.Parse(Encoding.UTF8.GetBytes("foo=bar")).Ok);
}
