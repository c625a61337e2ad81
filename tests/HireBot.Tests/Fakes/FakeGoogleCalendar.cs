using System.Globalization;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes.Google;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes;

/// <summary>
/// A loopback Google Calendar API v3 and OAuth token endpoint serving the calls HireBot makes, with
/// documented JSON and errors: freeBusy.query (at most 50 calendars, errors notFound for an unknown
/// one, 400 timeRangeTooLong past 90 days), events on the organiser's primary calendar
/// (<see cref="FakeGoogleEvents"/>), settings/timezone of the impersonated user. Every call needs a
/// bearer token from the token endpoint (<see cref="FakeGoogleTokenEndpoint"/>). Faults on cue: a
/// rate of throttling answers (403 rateLimitExceeded / userRateLimitExceeded, 429, as in
/// https://developers.google.com/workspace/calendar/api/guides/errors), and a lost insert answer.
/// </summary>
public sealed class FakeGoogleCalendar : IAsyncDisposable
{
    private static readonly (int Status, string Reason, string Message)[] ThrottleAnswers =
    [
        (403, "rateLimitExceeded", "Rate Limit Exceeded"),
        (403, "userRateLimitExceeded", "User Rate Limit Exceeded"),
        (429, "rateLimitExceeded", "Rate Limit Exceeded"),
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeGooglePerson> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(string Method, string Path, string? Subject)> _requests = new();
    private readonly FakeGoogleEvents _events = new();
    private readonly Random _random = new(17);
    private int _loseNextInsert;
    private int _throttled;

    private FakeGoogleCalendar()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/token", Tokens.IssueAsync);
        var api = _app.MapGroup("/calendar/v3");
        api.AddEndpointFilter(GuardAsync);
        api.MapPost("/freeBusy", async (HttpRequest r) => FreeBusy((await JsonNode.ParseAsync(r.Body))!));
        api.MapGet("/users/me/settings/timezone", (HttpContext c) => _people.TryGetValue(Subject(c), out var p) && p.TimeZone is { } zone
            ? Results.Json(new { kind = "calendar#setting", etag = "\"1\"", id = "timezone", value = zone })
            : Error(404, "global", "notFound", "Not Found"));
        var events = api.MapGroup("/calendars/{calendarId}/events");
        events.MapPost("", async (HttpContext c, string calendarId) => InsertAsync(c, calendarId, (await JsonNode.ParseAsync(c.Request.Body))!.AsObject()));
        events.MapGet("", (HttpContext c, string calendarId) => Own(c, calendarId) ? _events.List(c.Request.Query) : Error(404, "global", "notFound", "Not Found"));
        events.MapGet("/{eventId}", (HttpContext c, string calendarId, string eventId) => Own(c, calendarId) ? _events.Get(eventId) : Error(404, "global", "notFound", "Not Found"));
        events.MapPatch("/{eventId}", async (HttpContext c, string calendarId, string eventId) =>
            Own(c, calendarId) ? _events.Patch(eventId, (await JsonNode.ParseAsync(c.Request.Body))!.AsObject()) : Error(404, "global", "notFound", "Not Found"));
        events.MapDelete("/{eventId}", (HttpContext c, string calendarId, string eventId) => Own(c, calendarId) ? _events.Delete(eventId) : Error(404, "global", "notFound", "Not Found"));
    }

    public FakeGoogleTokenEndpoint Tokens { get; } = new();

    public Uri ApiUrl { get; private set; } = null!;

    public IReadOnlyList<(string Method, string Path, string? Subject)> Requests => [.. _requests];

    /// <summary>Share of Calendar API requests answered with a throttling error (0 to 1).</summary>
    public double ThrottleRate { get; set; }

    public int ThrottledCount => Volatile.Read(ref _throttled);

    public int EventCount => _events.Count;

    public int LiveEventCount => _events.LiveCount;

    public static async Task<FakeGoogleCalendar> StartAsync()
    {
        var fake = new FakeGoogleCalendar();
        await fake._app.StartAsync();
        var root = fake._app.Urls.Single();
        fake.ApiUrl = new Uri(root + "/calendar/v3/");
        fake.Tokens.Url = new Uri(root + "/token");
        fake.Tokens.IsUser = email => fake._people.ContainsKey(email);
        return fake;
    }

    /// <summary>A user of the Workspace (others are unknown: freeBusy notFound, no token for them).</summary>
    public FakeGooglePerson Person(string email, string? timeZone = "UTC") =>
        _people.AddOrUpdate(email, _ => new FakeGooglePerson(timeZone), (_, p) => { p.TimeZone = timeZone; return p; });

    /// <summary>The bot's Google settings aimed at this fake, with <paramref name="organizer"/> a known user.</summary>
    public Dictionary<string, string?> BotSettings(string organizer)
    {
        Person(organizer);
        return new()
        {
            ["Google:BaseUrl"] = ApiUrl.ToString(),
            ["Google:TokenUrl"] = Tokens.Url.ToString(),
            ["Google:ServiceAccountEmail"] = FakeGoogleTokenEndpoint.ServiceAccount,
            ["Google:PrivateKey"] = FakeGoogleTokenEndpoint.PrivateKeyPem,
            ["Google:OrganizerEmail"] = organizer,
            ["Google:BackoffMilliseconds"] = "5",
            ["Google:MaxAttempts"] = "12",
            ["Scheduling:DeclinePollMinutes"] = "1440",
        };
    }

    public JsonObject? Event(string eventId) => _events.Find(eventId);

    public void Respond(string eventId, string email, string responseStatus) => _events.Respond(eventId, email, responseStatus);

    public void ExpireSyncTokens() => _events.ExpireSyncTokens();

    /// <summary>The next insert is stored but answered 503 backendError, as when the answer is lost.</summary>
    public void LoseNextInsertAnswer() => Interlocked.Exchange(ref _loseNextInsert, 1);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Google's error body: <c>{"error":{"errors":[{domain,reason,message}],"code","message"}}</c>.</summary>
    internal static IResult Error(int status, string domain, string reason, string message) => Results.Json(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["domain"] = domain, ["reason"] = reason, ["message"] = message }),
            ["code"] = status,
            ["message"] = message,
        },
    }, statusCode: status);

    private static string Subject(HttpContext c) => (string)c.Items["subject"]!;

    /// <summary>Events calls name the impersonated user's calendar: "primary" or their address.</summary>
    private static bool Own(HttpContext c, string calendarId) =>
        calendarId == "primary" || string.Equals(calendarId, Subject(c), StringComparison.OrdinalIgnoreCase);

    private async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.Request.Headers.Authorization.ToString();
        var subject = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? Tokens.SubjectOf(authorization["Bearer ".Length..]) : null;
        _requests.Enqueue((http.Request.Method, http.Request.Path + http.Request.QueryString, subject));
        if (subject is null)
            return Error(401, "global", "authError", "Invalid Credentials");
        http.Items["subject"] = subject;
        bool throttle;
        int pick;
        lock (_random) (throttle, pick) = (_random.NextDouble() < ThrottleRate, _random.Next(ThrottleAnswers.Length));
        if (throttle)
        {
            Interlocked.Increment(ref _throttled);
            var (status, reason, message) = ThrottleAnswers[pick];
            return Error(status, "usageLimits", reason, message);
        }
        return await next(context);
    }

    private IResult InsertAsync(HttpContext c, string calendarId, JsonObject body)
    {
        if (!Own(c, calendarId)) return Error(404, "global", "notFound", "Not Found");
        var result = _events.Insert(Subject(c), body, c.Request.Query["conferenceDataVersion"] == "1");
        if (Interlocked.Exchange(ref _loseNextInsert, 0) == 1) return Error(503, "global", "backendError", "Backend Error");
        return result;
    }

    private IResult FreeBusy(JsonNode request)
    {
        var items = request["items"]?.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList() ?? [];
        var min = DateTimeOffset.Parse(request["timeMin"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var max = DateTimeOffset.Parse(request["timeMax"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        if (max <= min) return Error(400, "calendar", "timeRangeEmpty", "The specified time range is empty.");
        if (max - min > TimeSpan.FromDays(90)) return Error(400, "calendar", "timeRangeTooLong", "The requested time range is too long.");
        if (items.Count > 50) return Error(400, "calendar", "tooManyCalendarsRequested", "The number of calendars requested is too large.");
        var calendars = new JsonObject();
        foreach (var id in items)
            calendars[id] = _people.TryGetValue(id, out var person)
                ? new JsonObject { ["busy"] = new JsonArray([.. person.Busy.Where(b => b.Start < max && b.End > min).Select(b => (JsonNode)new JsonObject
                    {
                        ["start"] = HireBot.Calendar.Google.GoogleApi.Time(b.Start),
                        ["end"] = HireBot.Calendar.Google.GoogleApi.Time(b.End),
                    })]) }
                : new JsonObject
                {
                    ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = "notFound" }),
                    ["busy"] = new JsonArray(),
                };
        return Results.Json(new JsonObject
        {
            ["kind"] = "calendar#freeBusy",
            ["timeMin"] = request["timeMin"]!.DeepClone(),
            ["timeMax"] = request["timeMax"]!.DeepClone(),
            ["calendars"] = calendars,
        });
    }
}

/// <summary>A Workspace user as the fake knows them: busy blocks and their Calendar time zone setting.</summary>
public sealed class FakeGooglePerson(string? timeZone)
{
    public string? TimeZone { get; set; } = timeZone;

    public ConcurrentBag<(DateTimeOffset Start, DateTimeOffset End)> Busy { get; } = [];

    public FakeGooglePerson BusyBetween(DateTimeOffset start, DateTimeOffset end)
    {
        Busy.Add((start, end));
        return this;
    }
}
