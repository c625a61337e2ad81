using System.Globalization;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HireBot.Tests.Fakes;

/// <summary>
/// Loopback Bot Connector (<c>{serviceUrl}/v3/conversations…</c>). Records every request with its
/// raw path, Authorization header and body; answers 201/200 with a ResourceResponse, or the next
/// queued failure (429 with Retry-After, 503, 403 MessageWritesBlocked…).
/// With <see cref="Strict"/> on (any call to <see cref="InstallInTeam"/> turns it on) it also says
/// no the way Teams does: a 1:1 chat can be opened only with someone who has the app (personally,
/// or through a team or group chat it is installed in), otherwise 403; posting to a conversation
/// the bot was removed from is 403 <c>BotNotInConversationRoster</c>, to one it never was in 404;
/// rosters are served by <c>pagedmembers</c> in pages of at most <see cref="MaxPageSize"/> with continuation tokens.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Failure> _failures = new();
    private int _ids;
    private Random? _chaos;
    private double _chaosShare;

    /// <summary>Requests answered with a random 429 or 503 by <see cref="FailRandomly"/> (so not successes).</summary>
    public ConcurrentQueue<RecordedRequest> Refused { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The serviceUrl to use, Teams-style with a path and trailing slash.</summary>
    public string ServiceUrl { get; }

    /// <summary>A member of a team or chat as <c>pagedmembers</c> and <c>members/{id}</c> return them.</summary>
    public sealed record Member(string Id, string Name, string AadObjectId, string Email, string TenantId = Tenant);

    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>Refuse what Teams refuses (see the summary). Off: every conversation and chat is accepted, as before.</summary>
    public bool Strict { get; set; }

    /// <summary>Members per <c>pagedmembers</c> page at most, whatever pageSize asked (Teams may answer fewer than asked).</summary>
    public int MaxPageSize { get; set; } = 3;

    private readonly ConcurrentDictionary<string, List<Member>> _rosters = new();           // team or group chat id → members
    private readonly ConcurrentDictionary<string, string> _rosterOf = new();                // channel id → team id
    private readonly ConcurrentDictionary<string, bool> _personalApp = new();               // user ids with the app installed personally
    private readonly ConcurrentDictionary<string, bool> _botIn = new();                     // conversation id → bot still a member

    /// <summary>Installs the app in a team: its channels (the General channel's id is the team id) take posts, its members can get 1:1 chats.</summary>
    public void InstallInTeam(string teamId, IEnumerable<Member> members, params string[] channelIds)
    {
        Strict = true;
        _rosters[teamId] = [.. members];
        foreach (var channel in channelIds.Append(teamId))
        {
            _rosterOf[channel] = teamId;
            _botIn[channel] = true;
        }
    }

    /// <summary>The app was removed from a team or chat: posts there get 403 BotNotInConversationRoster.</summary>
    public void RemoveFrom(string conversationId) => _botIn[conversationId] = false;

    /// <summary>The user opened the app (personal scope): the connector knows the chat and lets 1:1 chats be opened.</summary>
    public void InstallPersonally(string userId, string? conversationId = null)
    {
        _personalApp[userId] = true;
        if (conversationId is not null) _botIn[conversationId] = true;
    }

    /// <summary>The bot received an activity from this conversation, so Teams has it as a member there.</summary>
    public void SawActivity(string conversationId)
    {
        var cut = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        _botIn.TryAdd(cut < 0 ? conversationId : conversationId[..cut], true);
    }

    private bool HasApp(string userId) =>
        _personalApp.ContainsKey(userId) || _rosters.Any(r => r.Value.Any(m => m.Id == userId) && _botIn.GetValueOrDefault(r.Key));

    private Member? FindMember(string userId) => _rosters.Values.SelectMany(m => m).FirstOrDefault(m => m.Id == userId);

    private FakeBotConnector(WebApplication app, string serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeBotConnector? self = null;
        app.Map("/teams/{**rest}", async context => await (await self!.AnswerAsync(context)).ExecuteAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new FakeBotConnector(app, $"{address.TrimEnd('/')}/teams/");
        return self;
    }

    /// <summary>The next request gets this answer instead of success.</summary>
    /// <param name="pathContains">Only a request whose path contains this takes the failure (others pass it by).</param>
    public void FailNext(int status, TimeSpan? retryAfter = null, string? errorCode = null, string? pathContains = null) =>
        _failures.Enqueue(new Failure(status, retryAfter, errorCode, pathContains));

    /// <summary>From now on a seeded random share of requests answers 429 (Retry-After: 1) or 503.</summary>
    public void FailRandomly(double share, int seed)
    {
        _chaosShare = share;
        _chaos = new Random(seed);
    }

    private Failure? Roll()
    {
        if (_chaos is null) return null;
        lock (_chaos)
            return _chaos.NextDouble() >= _chaosShare ? null
                : _chaos.Next(2) == 0 ? new Failure(429, TimeSpan.FromSeconds(1), "TooManyRequests") : new Failure(503, null, "ServiceUnavailable");
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var recorded = new RecordedRequest(context.Request.Method, rawTarget, context.Request.Headers.Authorization.ToString(), body);
        Requests.Enqueue(recorded);
        var decoded = Uri.UnescapeDataString(context.Request.Path.Value ?? "");
        Failure? failure;
        lock (_failures)
            failure = _failures.TryPeek(out var head) && (head.PathContains is null || decoded.Contains(head.PathContains, StringComparison.Ordinal))
                && _failures.TryDequeue(out head) ? head : null;
        if (failure is not null || (failure = Roll()) is not null)
        {
            if (_chaos is not null) Refused.Enqueue(recorded);
            if (failure.RetryAfter is { } wait)
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { error = new { code = failure.ErrorCode ?? "ServiceError", message = "fake failure" } }, statusCode: failure.Status);
        }
        var id = $"activity-{Interlocked.Increment(ref _ids)}";
        var path = context.Request.Path.Value ?? "";
        if (Strict && Refusal(context.Request.Method, path, body, context.Request.Query) is { } refused) return refused;
        if (path.EndsWith("/pagedmembers", StringComparison.Ordinal)) return PagedMembers(path, context.Request.Query);
        if (Strict && context.Request.Method == "POST" && path.EndsWith("/v3/conversations", StringComparison.Ordinal))
            return Results.Json(new { id = $"a:1-personal-{UserOf(body)}" }, statusCode: 201);
        if (context.Request.Method == "GET" && path.Contains("/members/", StringComparison.Ordinal)
            && FindMember(Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..])) is { } member)
            return Results.Json(MemberJson(member));
        return context.Request.Method switch
        {
            "POST" when path.EndsWith("/v3/conversations", StringComparison.Ordinal) =>
                Results.Json(new { id = "a:1-fake-personal-conversation" }, statusCode: 201),
            "GET" when path.Contains("/members/", StringComparison.Ordinal) => Results.Json(new
            {
                id = "29:1-panelist",
                name = "Pat Panelist",
                aadObjectId = "6b1f8c9e-2f4a-4c1e-9d52-6f0a7b3c1d11",
                email = "pat@contoso.example",
                userPrincipalName = "pat@contoso.example",
                tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            }),
            "PUT" => Results.Json(new { id }),
            _ => Results.Json(new { id }, statusCode: 201),
        };
    }

    private static string? UserOf(string body) =>
        JsonNode.Parse(body)?["members"]?[0]?["id"]?.GetValue<string>();

    private static object MemberJson(Member m) => new
    {
        id = m.Id, name = m.Name, aadObjectId = m.AadObjectId, email = m.Email, userPrincipalName = m.Email, tenantId = m.TenantId, userRole = "user",
    };

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    /// <summary>What Teams refuses, in its words; null when the request is allowed.</summary>
    private IResult? Refusal(string method, string path, string body, IQueryCollection query)
    {
        var marker = "/v3/conversations";
        var rest = path[(path.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
        if (rest.Length == 0 && method == "POST")
        {
            var request = JsonNode.Parse(body);
            if (request?["channelData"]?["tenant"]?["id"] is null && request?["tenantId"] is null)
                return Error(400, "BadArgument", "Tenant id is required for a 1:1 conversation.");
            if (UserOf(body) is not { } user || request?["members"]?.AsArray().Count != 1 || request?["isGroup"]?.GetValue<bool>() == true)
                return Error(400, "BadArgument", "Exactly one member is required.");
            if (!HasApp(user))
                return Error(403, "Forbidden", "The bot is not installed for this user, or the user is not in a team or chat where it is installed.");
            _botIn[$"a:1-personal-{user}"] = true;
            return null;
        }
        var conversation = Uri.UnescapeDataString(rest.TrimStart('/').Split('/')[0]);
        var cut = conversation.IndexOf(";messageid=", StringComparison.Ordinal);
        if (cut >= 0) conversation = conversation[..cut];
        if (path.EndsWith("/pagedmembers", StringComparison.Ordinal))
            return _rosters.ContainsKey(conversation) && _botIn.GetValueOrDefault(conversation) ? null
                : Error(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
        if (method == "GET") return null;
        if (!_botIn.TryGetValue(conversation, out var member))
            return Error(404, "ConversationNotFound", "Conversation not found.");
        return member ? null : Error(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
    }

    private IResult PagedMembers(string path, IQueryCollection query)
    {
        var segments = path.Split('/');
        var conversation = Uri.UnescapeDataString(segments[^2]);
        var members = _rosters.GetValueOrDefault(_rosterOf.GetValueOrDefault(conversation) ?? conversation) ?? [];
        var asked = int.TryParse(query["pageSize"], out var n) ? n : 100;
        var start = query["continuationToken"].ToString() is { Length: > 0 } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        var page = members.Skip(start).Take(Math.Min(asked, MaxPageSize)).ToList();
        var next = start + page.Count < members.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture))) : null;
        PagedRequests.Enqueue(query["continuationToken"].ToString());
        return Results.Json(new { continuationToken = next, members = page.Select(MemberJson) });
    }

    /// <summary>The continuation token of every pagedmembers request, in order ("" for a first page).</summary>
    public ConcurrentQueue<string> PagedRequests { get; } = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public sealed record RecordedRequest(string Method, string RawTarget, string Authorization, string Body)
    {
        /// <summary>When the fake received it, on the tests' clock (the load bench times replies with it).</summary>
        public DateTimeOffset At { get; init; } = HireBot.Tests.Support.TestClock.Now;
    }

    private sealed record Failure(int Status, TimeSpan? RetryAfter, string? ErrorCode, string? PathContains = null);
}
