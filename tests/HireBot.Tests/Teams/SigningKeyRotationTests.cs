using HireBot.Tests.Support;
using System.Net;
using HireBot.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Teams;

/// <summary>Keys can appear at any time: an unknown key id forces one metadata refresh, then the token is checked again.</summary>
public sealed class SigningKeyRotationTests
{
    [Fact]
    public async Task Token_signed_with_a_newly_published_key_is_accepted_after_one_refresh()
    {
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra);
        var warmUp = JwtFactory.Connector(entra.EndorsedKey, TeamsTestHost.AppId, InboundRequests.TeamsServiceUrl);
        using (var first = await InboundRequests.PostAsync(host.Client, InboundRequests.PersonalMessage(), $"Bearer {warmUp}"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var fetchedBeforeRotation = entra.KeysFetched;

        var rotated = new TestRsaKey("rotated-key", "msteams");
        entra.Publish(rotated);
        var token = JwtFactory.Connector(rotated, TeamsTestHost.AppId, InboundRequests.TeamsServiceUrl);
        using var response = await InboundRequests.PostAsync(host.Client, InboundRequests.PersonalMessage(), $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, fetchedBeforeRotation);
        Assert.Equal(2, entra.KeysFetched);
    }

    [Fact]
    public async Task Keys_are_cached_between_requests()
    {
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra);

        for (var i = 0; i < 3; i++)
        {
            var token = JwtFactory.Connector(entra.EndorsedKey, TeamsTestHost.AppId, InboundRequests.TeamsServiceUrl);
            using var response = await InboundRequests.PostAsync(host.Client, InboundRequests.PersonalMessage(), $"Bearer {token}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, entra.KeysFetched);
    }

    [Fact]
    public async Task Made_up_key_ids_force_at_most_one_refresh_per_five_minutes()
    {
        var time = new FakeTimeProvider(TestClock.Now);
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra, time: time);
        var stranger = new TestRsaKey("made-up", "msteams");

        for (var i = 0; i < 3; i++)
            await PostWithAsync(host, stranger, HttpStatusCode.Unauthorized);
        var fetchedWithinFiveMinutes = entra.KeysFetched;
        time.Advance(TimeSpan.FromMinutes(6));
        await PostWithAsync(host, stranger, HttpStatusCode.Unauthorized);

        Assert.Equal(2, fetchedWithinFiveMinutes);
        Assert.Equal(3, entra.KeysFetched);
    }

    private static async Task PostWithAsync(TeamsTestHost host, TestRsaKey key, HttpStatusCode expected)
    {
        var token = JwtFactory.Connector(key, TeamsTestHost.AppId, InboundRequests.TeamsServiceUrl);
        using var response = await InboundRequests.PostAsync(host.Client, InboundRequests.PersonalMessage(), $"Bearer {token}");
        Assert.Equal(expected, response.StatusCode);
    }
}
