using System.Globalization;
using System.Text;
using HireBot.Slack;
using HireBot.Tests.Fakes.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    private const string Body = "token=x&team_id=T0001&command=%2Fhire&text=status";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-27T09:00:00Z", CultureInfo.InvariantCulture);

    private static SlackSignatureCheck Check(string secretConfigured, long ts, string? signature, string body = Body, string? tsHeader = null)
    {
        var verifier = new SlackSignatureVerifier(Options.Create(new SlackOptions { SigningSecret = secretConfigured }), new FakeTimeProvider(Now));
        return verifier.Verify(tsHeader ?? ts.ToString(CultureInfo.InvariantCulture), signature, Encoding.UTF8.GetBytes(body));
    }

    private static string Signed(long ts, string body = Body, string secret = SlackSigner.Secret) => SlackSigner.Sign(secret, ts, body);

    [Fact]
    public void Request_signed_now_with_the_configured_secret_is_valid()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.Equal(SlackSignatureCheck.Valid, Check(SlackSigner.Secret, ts, Signed(ts)));
    }

    [Fact]
    public void Slack_documented_example_signature_verifies()
    {
        // Worked example from https://docs.slack.dev/authentication/verifying-requests-from-slack/
        const string secret = "8f742231b10e8888abcd99yyyzzz85a5";
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        const long ts = 1531420618;
        var verifier = new SlackSignatureVerifier(
            Options.Create(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ts + 10)));
        var result = verifier.Verify("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", Encoding.UTF8.GetBytes(body));
        Assert.Equal(SlackSignatureCheck.Valid, result);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.Equal(SlackSignatureCheck.Mismatch, Check(SlackSigner.Secret, ts, Signed(ts), Body.Replace("status", "decide")));
    }

    [Theory]
    [InlineData(-301, SlackSignatureCheck.OutsideWindow)]
    [InlineData(-300, SlackSignatureCheck.Valid)]
    [InlineData(300, SlackSignatureCheck.Valid)]
    [InlineData(301, SlackSignatureCheck.OutsideWindow)]
    [InlineData(-3600, SlackSignatureCheck.OutsideWindow)]
    [InlineData(86400, SlackSignatureCheck.OutsideWindow)]
    public void Timestamp_must_be_within_five_minutes_either_way(int offsetSeconds, SlackSignatureCheck expected)
    {
        var ts = Now.ToUnixTimeSeconds() + offsetSeconds;
        Assert.Equal(expected, Check(SlackSigner.Secret, ts, Signed(ts)));
    }

    [Fact]
    public void Replayed_request_inside_the_window_still_verifies_so_dedup_is_by_event_id()
    {
        // Slack signatures carry no nonce; replays within 5 minutes are stopped by the lead's unique keys.
        var ts = Now.ToUnixTimeSeconds() - 120;
        var signature = Signed(ts);
        Assert.Equal(SlackSignatureCheck.Valid, Check(SlackSigner.Secret, ts, signature));
        Assert.Equal(SlackSignatureCheck.Valid, Check(SlackSigner.Secret, ts, signature));
    }

    [Fact]
    public void Unsigned_request_is_rejected()
    {
        Assert.Equal(SlackSignatureCheck.MissingHeaders, Check(SlackSigner.Secret, Now.ToUnixTimeSeconds(), null));
        Assert.Equal(SlackSignatureCheck.MissingHeaders, Check(SlackSigner.Secret, 0, Signed(0), tsHeader: ""));
    }

    [Fact]
    public void Signature_made_with_another_secret_is_rejected()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.Equal(SlackSignatureCheck.Mismatch, Check(SlackSigner.Secret, ts, Signed(ts, secret: "some-other-secret")));
    }

    [Fact]
    public void Empty_configured_secret_rejects_even_a_request_signed_with_the_empty_secret()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.Equal(SlackSignatureCheck.NoSecretConfigured, Check("", ts, Signed(ts, secret: "")));
    }

    [Theory]
    [InlineData("v1=")]
    [InlineData("V0=")]
    [InlineData("")]
    [InlineData("sha256=")]
    public void Unknown_version_prefix_is_rejected(string prefix)
    {
        var ts = Now.ToUnixTimeSeconds();
        var hex = Signed(ts)["v0=".Length..];
        Assert.Equal(SlackSignatureCheck.UnknownVersion, Check(SlackSigner.Secret, ts, prefix + hex));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData(" 1531420618")]
    public void Non_numeric_timestamp_is_rejected(string header)
    {
        Assert.Equal(SlackSignatureCheck.MalformedTimestamp, Check(SlackSigner.Secret, 0, "v0=00", tsHeader: header));
    }

    [Fact]
    public void Uppercase_hex_is_accepted_because_the_comparison_is_on_normalised_hex()
    {
        var ts = Now.ToUnixTimeSeconds();
        Assert.Equal(SlackSignatureCheck.Valid, Check(SlackSigner.Secret, ts, "v0=" + Signed(ts)[3..].ToUpperInvariant()));
    }
}
