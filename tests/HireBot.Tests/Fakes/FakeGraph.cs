using System.Globalization;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes.Graph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes;

/// <summary>
/// A loopback Microsoft Graph serving the calendar calls HireBot makes, with documented JSON:
/// getSchedule, events (create with transactionId dedupe, patch, cancel, get). Every request is
/// recorded and must carry a bearer token from <see cref="FakeGraphTokenIssuer"/>; throttling is
/// answered on cue with 429/503 and Retry-After.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeGraphTokenIssuer _issuer;
    private readonly ConcurrentDictionary<string, FakeGraphMailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(int Status, int RetryAfterSeconds)> _failures = new();
    private readonly ConcurrentQueue<FakeGraphRequest> _requests = new();
    private readonly FakeGraphEvents _events = new();
    private int _loseCreateResponses;

    private FakeGraph(FakeGraphTokenIssuer issuer)
    {
        _issuer = issuer;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(GuardAsync);
        var users = _app.MapGroup("/v1.0/users/{user}");
        users.MapPost("/calendar/getSchedule", async (HttpRequest r) =>
            FakeGraphSchedule.Answer((await ReadAsync(r))!, email => _mailboxes.GetValueOrDefault(email)));
        users.MapPost("/events", CreateAsync);
        users.MapPatch("/events/{id}", async (string id, HttpRequest r) => _events.Patch(id, (await ReadAsync(r))!.AsObject()));
        users.MapPost("/events/{id}/cancel", async (string id, HttpRequest r) => _events.Cancel(id, await ReadAsync(r)));
        users.MapGet("/events/{id}", (string id) => _events.Get(id));
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeGraphRequest> Requests => [.. _requests];

    public int EventCount => _events.Count;

    /// <summary>Exceptions the fake itself threw; a test that sees one has found a fake defect.</summary>
    public ConcurrentQueue<Exception> Faults { get; } = new();

    public static async Task<FakeGraph> StartAsync(FakeGraphTokenIssuer issuer)
    {
        var graph = new FakeGraph(issuer);
        await graph._app.StartAsync();
        graph.BaseUrl = new Uri(graph._app.Urls.Single() + "/v1.0");
        return graph;
    }

    /// <summary>The settings of a bot whose calendar is this fake, with <paramref name="organizer"/> sending the invitations.</summary>
    public Dictionary<string, string?> BotSettings(FakeGraphTokenIssuer issuer, string organizer = "recruiting@contoso.test") => new()
    {
        ["AZURE_TENANT_ID"] = FakeGraphTokenIssuer.TenantId,
        ["AZURE_CLIENT_ID"] = FakeGraphTokenIssuer.ClientId,
        ["AZURE_CLIENT_SECRET"] = FakeGraphTokenIssuer.ClientSecret,
        ["Graph:BaseUrl"] = BaseUrl.ToString(),
        ["Graph:AuthorityHost"] = issuer.AuthorityHost.ToString(),
        ["Graph:OrganizerMailbox"] = organizer,
        ["Scheduling:DeclinePollMinutes"] = "1440",
    };

    /// <summary>
    /// The bot's Graph calendar registered again with a credential that trusts the loopback issuer's
    /// certificate (the host registered the same client) and does not retry.
    /// </summary>
    public static Action<Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration> TrustingCalendar(FakeGraphTokenIssuer issuer) =>
        (services, configuration) => HireBot.Calendar.GraphCalendarExtensions.AddGraphCalendar(services, configuration, credential =>
        {
            credential.Transport = issuer.CreateTrustingTransport();
            credential.DisableInstanceDiscovery = true;
            credential.Retry.MaxRetries = 0;
        });

    /// <summary>A known mailbox (unknown addresses get getSchedule's error entry).</summary>
    public FakeGraphMailbox Mailbox(string email) => _mailboxes.GetOrAdd(email, _ => new FakeGraphMailbox());

    /// <summary>How long every authenticated request is held before it is answered (a slow Graph).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The next <paramref name="count"/> requests are answered with a throttling status.</summary>
    public void Throttle(int count, int retryAfterSeconds, int status = 429)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, retryAfterSeconds));
        }
    }

    /// <summary>The next event create is stored but answered 503, as when a response is lost.</summary>
    public void LoseNextCreateResponse() => Interlocked.Exchange(ref _loseCreateResponses, 1);

    public JsonObject? Event(string eventId) => _events.Find(eventId);

    public void Respond(string eventId, string email, string response) => _events.Respond(eventId, email, response);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    private async Task<IResult> CreateAsync(string user, HttpRequest request)
    {
        var result = _events.Create(user, (await ReadAsync(request))!.AsObject());
        if (Interlocked.Exchange(ref _loseCreateResponses, 0) == 1)
        {
            request.HttpContext.Response.Headers.RetryAfter = "0";
            return Error(503, "ServiceUnavailable", "The service is temporarily unavailable.");
        }

        return result;
    }

    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        context.Request.Body.Position = 0;
        var authorization = context.Request.Headers.Authorization.ToString();
        _requests.Enqueue(new FakeGraphRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            authorization.Length == 0 ? null : authorization,
            context.Request.Headers["Prefer"].FirstOrDefault(),
            body));

        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !await _issuer.IsValidAsync(authorization["Bearer ".Length..]))
        {
            await Error(401, "InvalidAuthenticationToken", "Access token is empty or invalid.").ExecuteAsync(context);
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; } // the caller gave up waiting
        }

        if (_failures.TryDequeue(out var failure))
        {
            context.Response.Headers.RetryAfter = failure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Error(failure.Status, "ApplicationThrottled", "Application is over its limit.").ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception error)
        {
            // Surface fake defects to the test instead of an opaque 500.
            Faults.Enqueue(error);
            throw;
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        // Case-insensitive because the SDK sends action parameters with the names in Graph's
        // metadata (getSchedule: "Schedules", "StartTime"), while the docs show camelCase.
        return text.Length == 0 ? null : JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = true });
    }
}
