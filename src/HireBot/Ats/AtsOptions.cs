namespace HireBot.Ats;

/// <summary>
/// <c>Ats__…</c> settings. <see cref="EncryptionKey"/> seals the API keys and webhook secrets that
/// <c>ats connect</c> stores (base64 of 32 bytes; without it, connecting in chat is refused).
/// An organisation may instead be connected by settings alone:
/// <c>Ats__Connections__&lt;org-key&gt;__Kind|ApiKey|WebhookSecret|WebhookToken|OnBehalfOf|Template|BaseUrl|Admin</c>.
/// </summary>
public sealed class AtsOptions
{
    public const string Section = "Ats";

    public string EncryptionKey { get; set; } = "";

    /// <summary>How often the clustered reconcile pages through changes since the watermark.</summary>
    public double ReconcileMinutes { get; set; } = 15;

    /// <summary>The bot's public https address (the top-level <c>PublicUrl</c> setting), to tell admins their webhook URL.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Harvest's base URL (tests aim it at the fake).</summary>
    public string GreenhouseUrl { get; set; } = "https://harvest.greenhouse.io/v1/";

    /// <summary>Ashby's API base URL (tests aim it at the fake).</summary>
    public string AshbyUrl { get; set; } = "https://api.ashbyhq.com/";

    public Dictionary<string, ConnectionSettings> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class ConnectionSettings
    {
        public string Kind { get; set; } = "";
        public string ApiKey { get; set; } = "";
        public string WebhookSecret { get; set; } = "";
        public string WebhookToken { get; set; } = "";
        public string? OnBehalfOf { get; set; }
        public string Template { get; set; } = "backend-engineer";
        public string? BaseUrl { get; set; }
        /// <summary>The email told about sync problems and made recruiter of imported roles.</summary>
        public string Admin { get; set; } = "";
    }

    public static bool IsValidKey(string base64)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32;
    }
}
