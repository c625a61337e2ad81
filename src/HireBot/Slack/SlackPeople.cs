using HireBot.Hiring;

namespace HireBot.Slack;

/// <summary>
/// Maps Slack accounts to work emails and back. Identities are stored as <c>{team}:{user}</c>;
/// an unknown user is looked up once with users.info (needs users:read.email) and remembered, in
/// the organisation in scope (the workspace's).
/// </summary>
public sealed class SlackPeople(PeopleStore people, SlackWebApiClient api, SlackWorkspaces workspaces, Organisations.OrgDb db, TimeProvider clock)
{
    // Who a Slack account is changes rarely: remembered for a few minutes, it saves a query on every request.
    private readonly Storage.Remembered<string> _known = new(clock, TimeSpan.FromMinutes(5));

    public static string ExternalId(string teamId, string userId) => $"{teamId}:{userId}";

    /// <summary>The work email of someone already known, from memory or the database; never asks Slack.</summary>
    public async Task<string?> KnownEmailAsync(string teamId, string userId, CancellationToken ct)
    {
        var id = ExternalId(teamId, userId);
        var key = $"{db.Org}|{id}";
        if (_known.TryGet(key, out var cached)) return cached;
        if (await people.EmailForAsync("slack", id, ct) is not { } known) return null;
        _known.Set(key, known);
        return known;
    }

    /// <summary>The work email, asking Slack (users.info) about someone not yet known: never while Slack waits for an acknowledgement.</summary>
    public async Task<string?> EmailOfAsync(string teamId, string userId, CancellationToken ct)
    {
        if (await KnownEmailAsync(teamId, userId, ct) is { } known) return known;
        var id = ExternalId(teamId, userId);
        var key = $"{db.Org}|{id}";
        var token = await workspaces.TokenForAsync(teamId, ct);
        if (token is null) return null;
        SlackUser user;
        try
        {
            user = await api.GetUserAsync(token, userId, ct);
        }
        catch (SlackApiException e) when (e.Kind == SlackFailureKind.Final)
        {
            return null; // user_not_found and the like: a signed request naming no one we can identify
        }
        if (user.Email is not { Length: > 0 } email || user.IsBot) return null;
        email = email.Trim().ToLowerInvariant();
        // Another workspace or tenant of the organisation already uses this address, outside its email domains: not this person.
        if (!await people.MayUseEmailAsync(email, PeopleStore.SlackSource(id), ct)) return null;
        await people.EnsureAsync(email, user.RealName, user.TimeZone, ct);
        await people.LinkAsync("slack", id, email, null, null, null, null, ct);
        _known.Set(key, email);
        return email;
    }
}
