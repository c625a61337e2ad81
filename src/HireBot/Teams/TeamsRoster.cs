using HireBot.Hiring;
using HireBot.Storage;

namespace HireBot.Teams;

/// <summary>
/// Reads the rosters of the teams and group chats HireBot is installed in (paged members) and
/// stores every member with a work email as a person the bot can reach: a member of an installed
/// team can be sent a 1:1 chat even if they never wrote to the bot. Read when the app is
/// installed, and again when a message is due for someone the bot does not know yet (at most
/// once per scope every few minutes).
/// </summary>
public sealed class TeamsRoster(BotConnectorClient connector, TeamsDirectory directory, PeopleStore people, TrustedServiceUrls trusted, TimeProvider clock)
{
    /// <summary>Members asked for per page (Teams answers at most 500, and may answer fewer).</summary>
    public const int PageSize = 100;

    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);
    private readonly Remembered<DateTimeOffset> _read = new(clock, RefreshEvery);

    /// <summary>The outcome of reading one roster: how many members were stored, or the failed call.</summary>
    public sealed record Outcome(int Stored, ConnectorOutcome Result, int StatusCode, string? ErrorCode);

    /// <summary>Reads every page of one roster and stores its members.</summary>
    public async Task<Outcome> SyncAsync(string serviceUrl, string? tenantId, string rosterId, CancellationToken ct)
    {
        trusted.Trust(serviceUrl); // stored only from verified activities
        var stored = 0;
        string? token = null;
        do
        {
            var page = await connector.GetPagedMembersAsync(serviceUrl, rosterId, token, PageSize, ct);
            if (!page.Succeeded) return new(stored, page.Outcome, page.StatusCode, page.ErrorCode);
            var members = new List<(TeamsMember, string)>();
            foreach (var m in page.Value?.Members ?? [])
            {
                if (m.Id is null || EmailOf(m) is not { } email) continue;
                // A member's directory email names them only as far as the organisation's rules allow.
                if (!await people.MayUseEmailAsync(email, PeopleStore.TeamsSource(m.TenantId ?? tenantId), ct)) continue;
                await people.EnsureAsync(email, m.Name, null, ct);
                members.Add((m, email));
            }
            await directory.SaveMembersAsync(serviceUrl, tenantId, members, ct);
            stored += members.Count;
            token = page.Value?.ContinuationToken is { Length: > 0 } next ? next : null;
        }
        while (token is not null);
        _read.Set(rosterId, clock.GetUtcNow());
        return new(stored, ConnectorOutcome.Success, 200, null);
    }

    /// <summary>
    /// Reads the rosters of every installed scope not read in the last few minutes; true when
    /// any was read (so a person not found before may be found now).
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken ct)
    {
        var any = false;
        foreach (var scope in await directory.InstalledScopesAsync(ct))
        {
            if (_read.TryGet(scope.RosterId, out _)) continue;
            var outcome = await SyncAsync(scope.ServiceUrl, scope.TenantId, scope.RosterId, ct);
            if (outcome.Result != ConnectorOutcome.Success) _read.Set(scope.RosterId, clock.GetUtcNow()); // not again at once
            any |= outcome.Stored > 0;
        }
        return any;
    }

    /// <summary>The member's work email: <c>email</c>, else a UPN that looks like one.</summary>
    public static string? EmailOf(TeamsMember m)
    {
        var email = m.Email is { Length: > 0 } e && e.Contains('@') ? e
            : m.UserPrincipalName is { Length: > 0 } upn && upn.Contains('@') ? upn : null;
        return email?.Trim().ToLowerInvariant();
    }
}
