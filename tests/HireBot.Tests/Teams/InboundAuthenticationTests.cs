using HireBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using HireBot.Teams;
using HireBot.Tests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Tests.Teams;

/// <summary>
/// Each Bot Framework token check, one failing request per check, against the real endpoint on
/// Kestrel with real RS256 JWTs from the fake issuer. A refused request never reaches the handler.
/// </summary>
public sealed class InboundAuthenticationTests(TeamsAuthFixture fixture) : IClassFixture<TeamsAuthFixture>
{
    private const string ServiceUrl = InboundRequests.TeamsServiceUrl;

    [Fact]
    public async Task Valid_token_is_accepted_and_the_activity_reaches_the_handler()
    {
        var activity = InboundRequests.PersonalMessage();
        activity["id"] = "valid-token-activity";
        var token = JwtFactory.Connector(fixture.Entra.EndorsedKey, TeamsTestHost.AppId, ServiceUrl);

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var command = Assert.IsType<TeamsCommand>(fixture.Host.Received.Single(r => r.ActivityId == "valid-token-activity"));
        Assert.Equal("hello", command.Text);
    }

    [Fact]
    public async Task ServiceUrl_claim_is_compared_ignoring_case()
    {
        var activity = InboundRequests.PersonalMessage(ServiceUrl.ToUpperInvariant());
        var token = JwtFactory.Connector(fixture.Entra.EndorsedKey, TeamsTestHost.AppId, ServiceUrl);

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("missing header", HttpStatusCode.Unauthorized, BotAuthFailure.MissingAuthorizationHeader)]
    [InlineData("basic scheme", HttpStatusCode.Unauthorized, BotAuthFailure.NotBearerScheme)]
    [InlineData("lowercase bearer", HttpStatusCode.Unauthorized, BotAuthFailure.NotBearerScheme)]
    [InlineData("expired", HttpStatusCode.Unauthorized, BotAuthFailure.Expired)]
    [InlineData("not yet valid", HttpStatusCode.Unauthorized, BotAuthFailure.NotYetValid)]
    [InlineData("wrong audience", HttpStatusCode.Unauthorized, BotAuthFailure.WrongAudience)]
    [InlineData("wrong issuer", HttpStatusCode.Unauthorized, BotAuthFailure.WrongIssuer)]
    [InlineData("bad signature", HttpStatusCode.Unauthorized, BotAuthFailure.BadSignature)]
    [InlineData("unknown key id", HttpStatusCode.Unauthorized, BotAuthFailure.UnknownSigningKey)]
    [InlineData("alg none", HttpStatusCode.Unauthorized, BotAuthFailure.DisallowedAlgorithm)]
    [InlineData("HS256", HttpStatusCode.Unauthorized, BotAuthFailure.DisallowedAlgorithm)]
    [InlineData("RS256 family only: PS256", HttpStatusCode.Unauthorized, BotAuthFailure.DisallowedAlgorithm)]
    [InlineData("missing serviceurl claim", HttpStatusCode.Unauthorized, BotAuthFailure.MissingServiceUrlClaim)]
    [InlineData("serviceUrl mismatch", HttpStatusCode.Unauthorized, BotAuthFailure.ServiceUrlMismatch)]
    [InlineData("key without endorsements", HttpStatusCode.Forbidden, BotAuthFailure.MissingEndorsement)]
    [InlineData("key not endorsed for the channel", HttpStatusCode.Forbidden, BotAuthFailure.MissingEndorsement)]
    public async Task Bad_request_is_refused_before_the_activity_is_handled(string defect, HttpStatusCode expected, BotAuthFailure reason)
    {
        var id = $"refused-{defect}";
        var activity = InboundRequests.PersonalMessage(channelId: defect == "key not endorsed for the channel" ? "slack" : "msteams");
        activity["id"] = id;
        var endorsed = fixture.Entra.EndorsedKey;
        var appId = TeamsTestHost.AppId;
        var now = TestClock.Now;
        string? authorization = defect switch
        {
            "missing header" => null,
            "basic scheme" => "Basic dXNlcjpwYXNz",
            "lowercase bearer" => $"bearer {JwtFactory.Connector(endorsed, appId, ServiceUrl)}",
            "expired" => Bearer(JwtFactory.Connector(endorsed, appId, ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6))),
            "not yet valid" => Bearer(JwtFactory.Connector(endorsed, appId, ServiceUrl, notBefore: now.AddMinutes(6), expires: now.AddHours(1))),
            "wrong audience" => Bearer(JwtFactory.Connector(endorsed, "00000000-0000-0000-0000-00000000abcd", ServiceUrl)),
            "wrong issuer" => Bearer(JwtFactory.Connector(endorsed, appId, ServiceUrl, issuer: "https://api.botframework.evil")),
            "bad signature" => Bearer(JwtFactory.Tamper(JwtFactory.Connector(endorsed, appId, ServiceUrl))),
            "unknown key id" => Bearer(JwtFactory.Connector(new TestRsaKey("never-published", "msteams"), appId, ServiceUrl)),
            "alg none" => Bearer(JwtFactory.Unsigned(endorsed.Kid, appId, ServiceUrl)),
            "HS256" => Bearer(JwtFactory.Hmac(endorsed.Kid, appId, ServiceUrl)),
            "RS256 family only: PS256" => Bearer(JwtFactory.Connector(endorsed, appId, ServiceUrl, algorithm: SecurityAlgorithms.RsaSsaPssSha256)),
            "missing serviceurl claim" => Bearer(JwtFactory.Connector(endorsed, appId, serviceUrl: null)),
            "serviceUrl mismatch" => Bearer(JwtFactory.Connector(endorsed, appId, "https://attacker.example/teams/")),
            "key without endorsements" => Bearer(JwtFactory.Connector(fixture.Entra.UnendorsedKey, appId, ServiceUrl)),
            "key not endorsed for the channel" => Bearer(JwtFactory.Connector(endorsed, appId, ServiceUrl)),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, authorization);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(fixture.Host.Received, r => r.ActivityId == id);
        var direct = await fixture.Host.Services.GetRequiredService<BotFrameworkAuthenticator>().AuthenticateAsync(
            authorization, Encoding.UTF8.GetBytes(activity.ToJsonString()), IPAddress.Loopback, CancellationToken.None);
        Assert.Equal(reason, direct.Failure);
    }

    [Fact]
    public async Task Unreadable_body_with_a_bad_token_gets_401_not_a_parse_error()
    {
        using var response = await InboundRequests.PostRawAsync(fixture.Host.Client, "{ this is not json", "Bearer not.a.jwt");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refused_serviceUrl_is_not_trusted_for_outbound_calls()
    {
        var activity = InboundRequests.PersonalMessage("https://attacker.example/teams/");
        var token = JwtFactory.Connector(fixture.Entra.EndorsedKey, TeamsTestHost.AppId, ServiceUrl);

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var trusted = fixture.Host.Services.GetRequiredService<TrustedServiceUrls>();
        Assert.False(trusted.IsTrusted("https://attacker.example/teams/"));
    }

    private static string Bearer(string token) => $"Bearer {token}";
}
