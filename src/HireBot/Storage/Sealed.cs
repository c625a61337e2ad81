using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HireBot.Storage;

/// <summary>
/// AES-256-GCM for values the bot stores but must not show: <paramref name="prefix"/> + base64(nonce[12] |
/// ciphertext | tag[16]), with associated data that ties the value to where it is kept (a team, a
/// job), so a value copied elsewhere does not open. The prefix names the format and key, for rotation.
/// </summary>
public static class Sealed
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Seal(byte[] key, string prefix, string plain, string associated)
    {
        var bytes = Encoding.UTF8.GetBytes(plain);
        var blob = new byte[NonceSize + bytes.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, bytes, blob.AsSpan(NonceSize, bytes.Length), blob.AsSpan(NonceSize + bytes.Length), Encoding.UTF8.GetBytes(associated));
        return prefix + Convert.ToBase64String(blob);
    }

    /// <summary>False when the value was tampered with, belongs elsewhere, or was sealed under another key.</summary>
    public static bool TryOpen(byte[] key, string prefix, string? value, string associated, [NotNullWhen(true)] out string? plain)
    {
        plain = null;
        if (value is null || !value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        byte[] blob;
        try { blob = Convert.FromBase64String(value[prefix.Length..]); }
        catch (FormatException) { return false; }
        if (blob.Length < NonceSize + TagSize) return false;
        var bytes = new byte[blob.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, bytes.Length), blob.AsSpan(NonceSize + bytes.Length), bytes, Encoding.UTF8.GetBytes(associated));
        }
        catch (AuthenticationTagMismatchException) { return false; }
        plain = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
