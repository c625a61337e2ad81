using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HireBot.Ats.Greenhouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes;

/// <summary>
/// A loopback Greenhouse Harvest API (v1) serving what HireBot calls, shaped as
/// https://developers.greenhouse.io/harvest.html documents it: Basic auth with the API key as user
/// name (401 otherwise), collections as bare JSON arrays paged by <c>per_page</c>/<c>page</c> with an
/// RFC 5988 <c>Link</c> header, <c>X-RateLimit-Limit</c>/<c>X-RateLimit-Remaining</c> on every answer,
/// 429 with <c>Retry-After</c> and <c>X-RateLimit-Reset</c>, error bodies <c>{"message", "errors"}</c>,
/// and "POST: Add Note" requiring <c>On-Behalf-Of</c>. It also sends webhooks signed as Greenhouse
/// does (<c>Signature: sha256 &lt;hex&gt;</c> over the raw body).
/// </summary>
public sealed class FakeGreenhouse : IAsyncDisposable
{
    public const string ApiKey = "gh-test-key-0123456789";
    public const int RateLimit = 50;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _jobs = new();
    private readonly ConcurrentDictionary<string, JsonArray> _stages = new();
    private readonly ConcurrentDictionary<string, JsonObject> _candidates = new();
    private readonly ConcurrentDictionary<string, JsonObject> _applications = new();
    private readonly ConcurrentDictionary<string, JsonArray> _interviews = new();
    private readonly ConcurrentQueue<(string CandidateId, string OnBehalfOf, JsonObject Body)> _notes = new();
    private readonly ConcurrentQueue<(string Method, string Path, int Status)> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new();
    private long _counter;
    private int _failEvery;
    private int _loseNoteAnswers;
    private int _failures;

    private FakeGreenhouse()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(GuardAsync);
        var v1 = _app.MapGroup("/v1");
        v1.MapGet("/jobs", (HttpContext c) => Page(c, _jobs.Values.Where(j => c.Request.Query["status"].ToString() is not { Length: > 0 } s || j["status"]!.ToString() == s)));
        v1.MapGet("/jobs/{id}/stages", (string id, HttpContext c) => _stages.TryGetValue(id, out var s) ? Page(c, s.OfType<JsonObject>()) : NotFound("Job"));
        v1.MapGet("/applications", (HttpContext c) => Page(c, _applications.Values.Where(a => After(c, a))));
        v1.MapGet("/applications/{id}", (string id) => Known(id) && _applications.TryGetValue(id, out var a) ? Results.Json(a) : NotFound("Application"));
        v1.MapGet("/applications/{id}/scheduled_interviews", (string id, HttpContext c) =>
            !Known(id) || !_applications.ContainsKey(id) ? NotFound("Application")
            : Page(c, _interviews.TryGetValue(id, out var list) ? list.OfType<JsonObject>() : []));
        v1.MapGet("/candidates/{id}", (string id) => _candidates.TryGetValue(id, out var x) ? Results.Json(x) : NotFound("Candidate"));
        v1.MapPost("/candidates/{id}/activity_feed/notes", AddNoteAsync);
        // "GET: Retrieve Activity Feed": the candidate's notes, emails and activities.
        v1.MapGet("/candidates/{id}/activity_feed", (string id) => !_candidates.ContainsKey(id) ? NotFound("Candidate") : Results.Json(new JsonObject
        {
            ["notes"] = new JsonArray([.. _notes.Select((x, i) => (id: 226809001 + i, x)).Where(t => t.x.CandidateId == id)
                .Select(t => (JsonNode)new JsonObject { ["id"] = t.id, ["body"] = t.x.Body["body"]!.ToString(), ["visibility"] = t.x.Body["visibility"]!.ToString() })]),
            ["emails"] = new JsonArray(), ["activities"] = new JsonArray(),
        }));
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Test knob: pages at most this long (0: as asked), so a few items already span several pages.</summary>
    public const int PageSize = 2;

    /// <summary>Notes written (candidate id, On-Behalf-Of, body), in order.</summary>
    public IReadOnlyList<(string CandidateId, string OnBehalfOf, JsonObject Body)> Notes => [.. _notes];

    public IReadOnlyList<(string Method, string Path, int Status)> Requests => [.. _requests];

    public static async Task<FakeGreenhouse> StartAsync()
    {
        var fake = new FakeGreenhouse();
        await fake._app.StartAsync();
        fake.BaseUrl = new Uri(fake._app.Urls.Single() + "/v1/");
        return fake;
    }

    /// <summary>Fault injection: every <paramref name="n"/>th answer (0 = none) is a 429, then a 5xx, alternately.</summary>
    public void FailEvery(int n) => Interlocked.Exchange(ref _failEvery, n);

    /// <summary>The next <paramref name="n"/> notes are stored and then answered 500, as when Greenhouse's answer is lost.</summary>
    public void LoseNoteAnswers(int n) => Interlocked.Exchange(ref _loseNoteAnswers, n);

    /// <summary>An open job with an "Application Review" stage (nothing schedulable) and one interview stage holding <paramref name="interviews"/>.</summary>
    public void AddJob(string id, string name, string stageId, params string[] interviews)
    {
        _jobs[id] = new JsonObject { ["id"] = long.Parse(id, CultureInfo.InvariantCulture), ["name"] = name, ["status"] = "open" };
        _stages[id] = new JsonArray(
            Stage(id, "1" + id, "Application Review", [new JsonObject { ["id"] = 1, ["name"] = "Application Review", ["schedulable"] = false }]),
            Stage(id, stageId, "Face to Face", interviews.Select((n, i) => (JsonNode)new JsonObject { ["id"] = 6000 + i, ["name"] = n, ["schedulable"] = true }).ToArray()));
    }

    private static JsonObject Stage(string job, string id, string name, JsonNode[] interviews) => new()
    {
        ["id"] = long.Parse(id, CultureInfo.InvariantCulture), ["name"] = name, ["active"] = true, ["job_id"] = long.Parse(job, CultureInfo.InvariantCulture),
        ["priority"] = 0, ["interviews"] = new JsonArray(interviews),
    };

    /// <summary>A candidate with one active application in <paramref name="stageId"/>, last active at <paramref name="at"/>.</summary>
    public void AddApplication(string applicationId, string candidateId, string first, string last, string email, string jobId, string stageId, DateTimeOffset at)
    {
        _candidates[candidateId] = new JsonObject
        {
            ["id"] = long.Parse(candidateId, CultureInfo.InvariantCulture), ["first_name"] = first, ["last_name"] = last,
            ["email_addresses"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "personal" }),
            ["application_ids"] = new JsonArray(long.Parse(applicationId, CultureInfo.InvariantCulture)),
        };
        _applications[applicationId] = new JsonObject
        {
            ["id"] = long.Parse(applicationId, CultureInfo.InvariantCulture), ["candidate_id"] = long.Parse(candidateId, CultureInfo.InvariantCulture),
            ["prospect"] = false, ["applied_at"] = Iso(at), ["last_activity_at"] = Iso(at), ["status"] = "active",
            ["jobs"] = new JsonArray(new JsonObject { ["id"] = long.Parse(jobId, CultureInfo.InvariantCulture), ["name"] = _jobs[jobId]["name"]!.ToString() }),
            ["current_stage"] = new JsonObject { ["id"] = long.Parse(stageId, CultureInfo.InvariantCulture), ["name"] = "Face to Face" },
        };
    }

    /// <summary>
    /// The candidate's name and email change in Greenhouse, and the application's last activity
    /// moves to <paramref name="at"/> (Harvest moves <c>last_activity_at</c> on such an edit).
    /// </summary>
    public void ChangeCandidate(string applicationId, string first, string last, string email, DateTimeOffset at)
    {
        var application = _applications[applicationId];
        var candidate = _candidates[application["candidate_id"]!.ToString()];
        candidate["first_name"] = first;
        candidate["last_name"] = last;
        candidate["email_addresses"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "personal" });
        application["last_activity_at"] = Iso(at);
    }

    /// <summary>
    /// From now on this application is answered 404 when read on its own (Retrieve Application, its
    /// scheduled interviews) while List Applications still shows it, as when it is deleted during a sync.
    /// Ids Greenhouse never had are answered 404 without this.
    /// </summary>
    public void RefuseApplication(string applicationId) => _refused[applicationId] = true;

    private bool Known(string applicationId) => !_refused.ContainsKey(applicationId);

    /// <summary>A scheduled interview of an application (the Scheduled Interview object).</summary>
    public void AddInterview(string applicationId, string id, string name, DateTimeOffset start, DateTimeOffset end, params (string Id, string Email)[] interviewers) =>
        _interviews.GetOrAdd(applicationId, _ => []).Add(new JsonObject
        {
            ["id"] = long.Parse(id, CultureInfo.InvariantCulture), ["application_id"] = long.Parse(applicationId, CultureInfo.InvariantCulture),
            ["start"] = new JsonObject { ["date_time"] = Iso(start) }, ["end"] = new JsonObject { ["date_time"] = Iso(end) },
            ["status"] = "scheduled", ["interview"] = new JsonObject { ["id"] = 6000, ["name"] = name },
            ["interviewers"] = new JsonArray(interviewers.Select(i => (JsonNode)new JsonObject
                { ["id"] = long.Parse(i.Id, CultureInfo.InvariantCulture), ["email"] = i.Email, ["name"] = i.Email.Split('@')[0], ["response_status"] = "accepted" }).ToArray()),
        });

    /// <summary>Deletes an application's scheduled interview (Greenhouse then sends interview_deleted).</summary>
    public void RemoveInterview(string applicationId, string id)
    {
        if (_interviews.TryGetValue(applicationId, out var list))
            foreach (var i in list.OfType<JsonObject>().Where(i => i["id"]!.ToString() == id).ToList()) list.Remove(i);
    }

    /// <summary>Posts a webhook as Greenhouse does; <paramref name="secret"/> signs it (a wrong one makes a bad signature).</summary>
    public static async Task<HttpStatusCode> SendWebhookAsync(HttpClient http, string url, string secret, string action, string applicationId, string jobId)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["action"] = action,
            ["payload"] = new JsonObject { ["application"] = new JsonObject
            {
                ["id"] = long.Parse(applicationId, CultureInfo.InvariantCulture), ["status"] = "active",
                ["jobs"] = new JsonArray(new JsonObject { ["id"] = long.Parse(jobId, CultureInfo.InvariantCulture) }),
            } },
        }.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Signature", GreenhouseAdapter.Sign(secret, body));
        request.Headers.Add("Greenhouse-Event-ID", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task GuardAsync(HttpContext c, RequestDelegate next)
    {
        var n = Interlocked.Increment(ref _counter);
        c.Response.Headers["X-RateLimit-Limit"] = RateLimit.ToString(CultureInfo.InvariantCulture);
        var auth = c.Request.Headers.Authorization.ToString();
        if (auth != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":")))
        {
            await Error(c, 401, "Invalid Basic Auth credentials");
            return;
        }
        var every = Volatile.Read(ref _failEvery);
        if (every > 0 && n % every == 0)
        {
            if (Interlocked.Increment(ref _failures) % 2 == 1)
            {
                c.Response.Headers["X-RateLimit-Remaining"] = "0";
                c.Response.Headers["X-RateLimit-Reset"] = Support.TestClock.Now.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                c.Response.Headers.RetryAfter = "1";
                await Error(c, 429, "Rate limit exceeded");
            }
            else await Error(c, _failures % 4 == 0 ? 503 : 500, "Internal Server Error");
            return;
        }
        c.Response.Headers["X-RateLimit-Remaining"] = (RateLimit - 1).ToString(CultureInfo.InvariantCulture);
        await next(c);
        _requests.Enqueue((c.Request.Method, c.Request.Path, c.Response.StatusCode));
    }

    private async Task Error(HttpContext c, int status, string message)
    {
        _requests.Enqueue((c.Request.Method, c.Request.Path, status));
        c.Response.StatusCode = status;
        await c.Response.WriteAsJsonAsync(new { message });
    }

    private static IResult NotFound(string what) => Results.Json(new { message = $"{what} not found" }, statusCode: 404);

    /// <summary>"POST: Add Note": On-Behalf-Of, user_id, body and a known visibility are required (422 otherwise).</summary>
    private async Task<IResult> AddNoteAsync(string id, HttpContext c)
    {
        if (!_candidates.ContainsKey(id)) return NotFound("Candidate");
        var body = await JsonNode.ParseAsync(c.Request.Body) as JsonObject;
        var onBehalfOf = c.Request.Headers["On-Behalf-Of"].ToString();
        var errors = new JsonArray();
        if (onBehalfOf.Length == 0) errors.Add(new JsonObject { ["message"] = "Missing On-Behalf-Of header", ["field"] = "On-Behalf-Of" });
        if (body?["user_id"] is null) errors.Add(new JsonObject { ["message"] = "Must be present", ["field"] = "user_id" });
        if (string.IsNullOrEmpty(body?["body"]?.ToString())) errors.Add(new JsonObject { ["message"] = "Must be present", ["field"] = "body" });
        if (body?["visibility"]?.ToString() is not ("admin_only" or "private" or "public")) errors.Add(new JsonObject { ["message"] = "Is invalid", ["field"] = "visibility" });
        if (errors.Count > 0) return Results.Json(new JsonObject { ["message"] = "Validation error", ["errors"] = errors }, statusCode: 422);
        _notes.Enqueue((id, onBehalfOf, body!));
        if (Interlocked.Decrement(ref _loseNoteAnswers) >= 0) return Results.Json(new JsonObject { ["message"] = "Internal Server Error" }, statusCode: 500);
        return Results.Json(new JsonObject
        {
            ["id"] = 226809000 + _notes.Count, ["created_at"] = Iso(Support.TestClock.Now), ["body"] = body!["body"]!.ToString(),
            ["user"] = new JsonObject { ["id"] = body["user_id"]!.DeepClone() }, ["private"] = false,
            ["visiblity"] = body["visibility"]!.ToString(), ["visibility"] = body["visibility"]!.ToString(),
        }, statusCode: 201);
    }

    private static bool After(HttpContext c, JsonObject a) =>
        c.Request.Query["last_activity_after"].ToString() is not { Length: > 0 } s
        || DateTimeOffset.Parse(a["last_activity_at"]!.ToString(), CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>One page of a collection, with the Link header Harvest sends (next and last; none for a single page).</summary>
    private static IResult Page(HttpContext c, IEnumerable<JsonObject> items)
    {
        var all = items.ToList();
        var perPage = int.TryParse(c.Request.Query["per_page"], out var p) ? p : 100;
        if (perPage is < 1 or > 500) return Results.Json(new { message = "per_page must be between 1 and 500" }, statusCode: 422);
        if (PageSize > 0) perPage = Math.Min(perPage, PageSize);
        var page = int.TryParse(c.Request.Query["page"], out var n) && n > 0 ? n : 1;
        var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
        if (pages > 1)
        {
            string Link(int to)
            {
                var q = System.Web.HttpUtility.ParseQueryString(c.Request.QueryString.Value ?? "");
                q["page"] = to.ToString(CultureInfo.InvariantCulture);
                q["per_page"] = perPage.ToString(CultureInfo.InvariantCulture);
                return $"<{c.Request.Scheme}://{c.Request.Host}{c.Request.Path}?{q}>";
            }
            var links = new List<string>();
            if (page < pages) links.Add(Link(page + 1) + "; rel=\"next\"");
            if (page > 1) links.Add(Link(page - 1) + "; rel=\"prev\"");
            links.Add(Link(pages) + "; rel=\"last\"");
            c.Response.Headers["Link"] = string.Join(", ", links);
        }
        return Results.Json(new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(x => x.DeepClone()).ToArray()));
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
