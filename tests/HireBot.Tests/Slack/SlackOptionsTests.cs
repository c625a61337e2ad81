using HireBot.Slack;
using HireBot.Tests.Fakes.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Slack;

public sealed class SlackOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSlackProtocol(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Flat_environment_names_bind_and_win_over_the_section()
    {
        var options = Build(new()
        {
            ["Slack:SigningSecret"] = "from-section",
            ["SLACK_SIGNING_SECRET"] = "from-env",
            ["SLACK_API_BASE_URL"] = "http://127.0.0.1:9/api/",
            ["SLACK_RESPONSE_URL_HOSTS"] = "hooks.slack.com, 127.0.0.1",
            ["SLACK_MAX_BODY_BYTES"] = "4096",
        }).GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.Equal("from-env", options.SigningSecret);
        Assert.Equal("http://127.0.0.1:9/api/", options.ApiBaseUrl);
        Assert.Equal(["hooks.slack.com", "127.0.0.1"], options.ResponseUrlHosts);
        Assert.Equal(4096, options.MaxBodyBytes);
    }

    [Fact]
    public void Nothing_configured_is_valid_and_closed()
    {
        var options = Build([]).GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.Equal("", options.SigningSecret);
        Assert.Equal("https://slack.com/api/", options.ApiBaseUrl);
    }

    [Theory]
    [InlineData("SLACK_API_BASE_URL", "https://slack.com/api", "SLACK_API_BASE_URL")]
    [InlineData("SLACK_MAX_BODY_BYTES", "lots", "SLACK_MAX_BODY_BYTES")]
    [InlineData("SLACK_TOKEN_ENCRYPTION_KEY", "c2hvcnQ=", "SLACK_TOKEN_ENCRYPTION_KEY")]
    [InlineData("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET is required")]
    public void Invalid_setting_fails_with_a_message_naming_the_variable(string variable, string value, string expected)
    {
        var provider = Build(new() { ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret, [variable] = value });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains(e.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Bot_token_without_a_signing_secret_fails_naming_the_secret()
    {
        var provider = Build(new() { ["SLACK_BOT_TOKEN"] = "xoxb-1" });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains("SLACK_SIGNING_SECRET is required when Slack is configured.", e.Failures);
    }

    [Fact]
    public void User_token_is_refused_as_bot_token()
    {
        var provider = Build(new() { ["SLACK_SIGNING_SECRET"] = "s", ["SLACK_BOT_TOKEN"] = "xoxp-123" });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains(e.Failures, f => f.StartsWith("SLACK_BOT_TOKEN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "T1", "T1", true)]
    [InlineData("", "T2", "T1", false)]
    [InlineData("", "T1", null, false)]
    [InlineData("T2,T3", "T3", "T1", true)]
    [InlineData("T2,T3", "T1", "T1", false)]
    [InlineData("*", "T9", null, true)]
    [InlineData("*", "", null, false)]
    public void Admission_is_the_list_or_else_only_the_bot_tokens_workspace(string allowed, string team, string? home, bool admitted)
    {
        var options = new SlackOptions { AllowedTeamIds = allowed.Split(',', StringSplitOptions.RemoveEmptyEntries) };

        Assert.Equal(admitted, options.AdmitsTeam(team, home));
    }

    [Fact]
    public void Oauth_install_flow_without_an_allow_list_fails_naming_the_setting()
    {
        var provider = Build(new()
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret, ["SLACK_CLIENT_ID"] = "1.2", ["SLACK_CLIENT_SECRET"] = "s",
            ["SLACK_OAUTH_REDIRECT_URL"] = "https://bot.example/slack/oauth/callback", ["SLACK_TOKEN_ENCRYPTION_KEY"] = SlackTestHost.EncryptionKey,
        });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains(e.Failures, f => f.StartsWith("SLACK_ALLOWED_TEAM_IDS is required when SLACK_CLIENT_ID is set", StringComparison.Ordinal));
    }
}
