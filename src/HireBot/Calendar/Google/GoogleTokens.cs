using System.Collections.Concurrent;
using Google.Apis.Auth.OAuth2;

namespace HireBot.Calendar.Google;

/// <summary>
/// Access tokens of the service account, one credential per impersonated user (domain-wide
/// delegation: the JWT-bearer grant's assertion names the user as <c>sub</c>,
/// https://developers.google.com/identity/protocols/oauth2/service-account#delegatingauthority).
/// Google.Apis.Auth signs the assertion, posts it to <see cref="GoogleOptions.TokenUrl"/> and
/// caches each token until shortly before it expires, on our clock.
/// </summary>
public sealed class GoogleTokens(GoogleOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ServiceAccountCredential> _bySubject = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<string> _privateKey = new(options.ReadPrivateKey);

    public Task<string> ForAsync(string subject, CancellationToken ct) =>
        _bySubject.GetOrAdd(subject, Create).GetAccessTokenForRequestAsync(cancellationToken: ct);

    private ServiceAccountCredential Create(string subject) => new(
        new ServiceAccountCredential.Initializer(options.ServiceAccountEmail, options.TokenUrl.AbsoluteUri)
        {
            User = subject,
            Scopes = GoogleOptions.Scopes,
            Clock = new Clock(clock),
        }.FromPrivateKey(_privateKey.Value));

    private sealed class Clock(TimeProvider clock) : global::Google.Apis.Util.IClock
    {
        public DateTime Now => clock.GetLocalNow().DateTime;

        public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    }
}
