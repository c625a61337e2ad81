using HireBot.Tests.Support;
using System.Net;
using HireBot.Teams;
using HireBot.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Teams;

/// <summary>
/// The authenticator remembers tokens it has verified (the connector repeats one token for up to
/// an hour), but a remembered token must never outlive what a full check would allow: its expiry,
/// or the key that signed it.
/// </summary>
public sealed class VerifiedTokenMemoryTests
{
    private const string ServiceUrl = InboundRequests.TeamsServiceUrl;

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var time = new FakeTimeProvider(TestClock.Now);
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra, time: time);
        var token = JwtFactory.Connector(entra.EndorsedKey, TeamsTestHost.AppId, ServiceUrl, expires: time.GetUtcNow().AddMinutes(30));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, token));
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, token)); // within the five minutes' skew a full check allows
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, token));
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_its_key_is_withdrawn_and_the_keys_are_read_again()
    {
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra);
        var retiring = new TestRsaKey("retiring-key", "msteams");
        entra.Publish(retiring);
        var token = JwtFactory.Connector(retiring, TeamsTestHost.AppId, ServiceUrl);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, token));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, token));
        Assert.Equal(1, entra.KeysFetched); // the second request was answered from memory, not by a new key fetch

        // Microsoft retires the key and signs with a new one; the first token with the new key id makes the bot read the keys again.
        entra.Withdraw(retiring);
        var successor = new TestRsaKey("successor-key", "msteams");
        entra.Publish(successor);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, JwtFactory.Connector(successor, TeamsTestHost.AppId, ServiceUrl)));
        Assert.Equal(2, entra.KeysFetched);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, token));
    }

    [Fact]
    public async Task A_remembered_token_still_has_its_serviceUrl_checked_against_each_body()
    {
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra);
        var token = JwtFactory.Connector(entra.EndorsedKey, TeamsTestHost.AppId, ServiceUrl);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, token));

        using var moved = await InboundRequests.PostAsync(host.Client, InboundRequests.PersonalMessage("https://elsewhere.example/"), $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Unauthorized, moved.StatusCode);
    }

    private static async Task<HttpStatusCode> PostAsync(TeamsTestHost host, string token)
    {
        using var response = await InboundRequests.PostAsync(host.Client, InboundRequests.PersonalMessage(), $"Bearer {token}");
        return response.StatusCode;
    }
}
