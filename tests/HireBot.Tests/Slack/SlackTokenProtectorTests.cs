using HireBot.Slack;
using HireBot.Tests.Fakes.Slack;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Slack;

public sealed class SlackTokenProtectorTests
{
    private static SlackTokenProtector With(string key) => new(Options.Create(new SlackOptions { TokenEncryptionKey = key }));

    private readonly SlackTokenProtector protector = With(SlackTestHost.EncryptionKey);

    [Fact]
    public void Protected_token_round_trips_for_its_team_and_hides_the_plaintext()
    {
        var stored = protector.Protect("xoxb-123-secret", "T1");

        Assert.StartsWith("v1.", stored);
        Assert.DoesNotContain("secret", stored);
        Assert.True(protector.TryUnprotect(stored, "T1", out var token));
        Assert.Equal("xoxb-123-secret", token);
    }

    [Fact]
    public void Same_token_encrypts_differently_each_time() =>
        Assert.NotEqual(protector.Protect("xoxb-1", "T1"), protector.Protect("xoxb-1", "T1"));

    [Fact]
    public void Ciphertext_moved_to_another_team_does_not_decrypt() =>
        Assert.False(protector.TryUnprotect(protector.Protect("xoxb-1", "T1"), "T2", out _));

    [Fact]
    public void Tampered_ciphertext_does_not_decrypt()
    {
        var bytes = Convert.FromBase64String(protector.Protect("xoxb-1", "T1")[3..]);
        bytes[^1] ^= 1;

        Assert.False(protector.TryUnprotect("v1." + Convert.ToBase64String(bytes), "T1", out _));
    }

    [Fact]
    public void Ciphertext_from_another_key_does_not_decrypt()
    {
        var other = With(Convert.ToBase64String(new byte[32]));

        Assert.False(protector.TryUnprotect(other.Protect("xoxb-1", "T1"), "T1", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v2.AAAA")]
    [InlineData("v1.not base64!")]
    [InlineData("v1.AAAA")]
    public void Malformed_stored_values_are_refused(string stored) => Assert.False(protector.TryUnprotect(stored, "T1", out _));

    [Theory]
    [InlineData("", false)]
    [InlineData("AAAA", false)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==", false)]
    public void Key_must_be_base64_of_32_bytes(string key, bool valid) => Assert.Equal(valid, SlackTokenProtector.IsValidKey(key));
}
