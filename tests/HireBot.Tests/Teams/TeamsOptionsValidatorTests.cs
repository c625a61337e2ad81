using HireBot.Teams;

namespace HireBot.Tests.Teams;

public sealed class TeamsOptionsValidatorTests
{
    [Theory]
    [InlineData("app", null, TeamsAppType.MultiTenant, null, false, "Teams__MicrosoftAppPassword is required")]
    [InlineData("app", "secret", TeamsAppType.SingleTenant, null, false, "Teams__MicrosoftAppTenantId is required")]
    [InlineData("app", "secret", TeamsAppType.MultiTenant, null, true, "Teams__DangerouslyAllowUnauthenticatedLoopback must be false")]
    [InlineData(null, "secret", TeamsAppType.MultiTenant, null, false, "Teams__MicrosoftAppPassword is set but Teams__MicrosoftAppId is empty")]
    public void Invalid_settings_fail_with_the_setting_named(string? appId, string? password, TeamsAppType type, string? tenant, bool local, string message)
    {
        var options = new TeamsOptions
        {
            MicrosoftAppId = appId, MicrosoftAppPassword = password, MicrosoftAppType = type,
            MicrosoftAppTenantId = tenant, DangerouslyAllowUnauthenticatedLoopback = local,
        };

        var result = new TeamsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Fact]
    public void Authority_host_over_plain_http_is_refused()
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { AuthorityHost = "http://127.0.0.1:5000" });

        Assert.Contains("Teams__AuthorityHost must use https", result.FailureMessage);
    }

    [Theory]
    [InlineData(TeamsAppType.MultiTenant, "botframework.com")]
    [InlineData(TeamsAppType.SingleTenant, "contoso-tenant")]
    public void Valid_connected_settings_pass_and_pick_the_authority_tenant(TeamsAppType type, string tenant)
    {
        var options = new TeamsOptions
        {
            MicrosoftAppId = "app", MicrosoftAppPassword = "secret", MicrosoftAppType = type, MicrosoftAppTenantId = "contoso-tenant",
        };

        Assert.True(new TeamsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(tenant, options.AuthorityTenant);
    }
}
