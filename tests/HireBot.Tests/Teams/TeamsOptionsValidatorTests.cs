using HireBot.Teams;

namespace HireBot.Tests.Teams;

public sealed class TeamsOptionsValidatorTests
{
    [Theory]
    [InlineData("app", null, TeamsAppType.MultiTenant, null, false, "Teams__MicrosoftAppPassword is required")]
    [InlineData("app", "secret", TeamsAppType.SingleTenant, null, false, "Teams__MicrosoftAppTenantId is required")]
    [InlineData("app", "secret", TeamsAppType.MultiTenant, null, true, "Teams__DangerouslyAllowUnauthenticatedLoopback must be false")]
    [InlineData(null, "secret", TeamsAppType.MultiTenant, null, false, "Teams__MicrosoftAppPassword is set but Teams__MicrosoftAppId is empty")]
    [InlineData("app", "secret", TeamsAppType.MultiTenant, null, false, "Teams__AllowedTenantIds is required for a multi-tenant app")]
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
            AllowedTenantIds = "contoso-tenant",
        };

        Assert.True(new TeamsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(tenant, options.AuthorityTenant);
    }

    [Theory]
    [InlineData(TeamsAppType.MultiTenant, "", "t-1", false)]
    [InlineData(TeamsAppType.MultiTenant, "t-1, t-2", "T-2", true)]
    [InlineData(TeamsAppType.MultiTenant, "t-1", "t-3", false)]
    [InlineData(TeamsAppType.MultiTenant, "*", "t-3", true)]
    [InlineData(TeamsAppType.MultiTenant, "*", null, false)]
    [InlineData(TeamsAppType.SingleTenant, "", "own", true)]
    [InlineData(TeamsAppType.SingleTenant, "", "t-1", false)]
    public void Admission_follows_the_list_and_an_empty_multi_tenant_list_admits_nobody(TeamsAppType type, string allowed, string? tenant, bool admitted)
    {
        var options = new TeamsOptions { MicrosoftAppType = type, MicrosoftAppTenantId = "own", AllowedTenantIds = allowed };

        Assert.Equal(admitted, options.AdmitsTenant(tenant));
    }
}
