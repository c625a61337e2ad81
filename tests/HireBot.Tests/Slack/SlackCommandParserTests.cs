using System.Text;
using HireBot.Slack;

namespace HireBot.Tests.Slack;

public sealed class SlackCommandParserTests
{
    private const string Form =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc"
        + "&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=%2Fhire"
        + "&text=scorecard%20L-42%20%26%20more&api_app_id=A123456&is_enterprise_install=true"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0";

    private static SlackParsed<SlackCommand> Parse(string form) => SlackCommandParser.Parse(Encoding.UTF8.GetBytes(form));

    [Fact]
    public void Slash_command_form_becomes_a_command_record()
    {
        var parsed = Parse(Form);

        Assert.True(parsed.Ok);
        Assert.Equal(
            new SlackCommand("/hire", "scorecard L-42 & more", "T0001", "U2147483697", "C2147483705",
                "https://hooks.slack.com/commands/1234/5678", "13345224609.738474920.8088930838d88f008e0", "A123456", "E0001", true),
            parsed.Value);
    }

    [Fact]
    public void Command_without_enterprise_fields_is_not_an_enterprise_install()
    {
        var parsed = Parse(Form.Replace("&enterprise_id=E0001", "").Replace("&is_enterprise_install=true", "&is_enterprise_install=false"));

        Assert.Null(parsed.Value!.EnterpriseId);
        Assert.False(parsed.Value.IsEnterpriseInstall);
    }

    [Theory]
    [InlineData("command=%2Fhire")]
    [InlineData("team_id=T0001")]
    [InlineData("user_id=U2147483697")]
    [InlineData("trigger_id=13345224609.738474920.8088930838d88f008e0")]
    public void Command_missing_a_required_field_is_a_parse_error(string field)
    {
        var parsed = Parse(Form.Replace(field, ""));

        Assert.False(parsed.Ok);
        Assert.Contains("required", parsed.Error);
    }

    [Theory]
    [InlineData("ssl_check=1&token=x", true)]
    [InlineData("ssl_check=0", false)]
    [InlineData("command=%2Fhire&text=ssl_check%3D1", false)]
    public void Ssl_check_probe_is_recognised_only_by_its_own_field(string form, bool expected) =>
        Assert.Equal(expected, SlackCommandParser.IsSslCheck(Encoding.UTF8.GetBytes(form)));
}
