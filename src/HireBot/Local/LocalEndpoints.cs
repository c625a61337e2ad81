using System.Net;
using System.Text.Json.Nodes;
using HireBot.Inbox;

namespace HireBot.Local;

/// <summary>
/// The local channel's HTTP surface, for the demo and for trying the bot without a platform:
/// POST /local/messages types a command as someone, POST /local/actions clicks a card button; both
/// are stored in the inbox (keyed by <c>id</c>, which the caller may give to make a retry land once;
/// one conversation's in order) and answered 202 with that id, and the inbox worker runs them as it
/// runs Slack's and Teams'. GET /local/messages reads what the bot posted; with
/// <c>replyTo={id}</c> the answer to one request, and with <c>wait={seconds}</c> it waits for one. Anyone may claim any email here, so it only answers direct loopback callers, and is
/// mapped only while no platform is configured (or when <c>Local__Enabled</c> says so).
/// </summary>
public static class LocalEndpoints
{
    public sealed record LocalMessage(string From, string Text, string? Name = null, string? Conversation = null, string? Id = null);
    public sealed record LocalAction(string From, string Verb, JsonObject? Data, string? Id = null);

    /// <summary>Longest caller-given request id.</summary>
    public const int MaxIdChars = 200;

    /// <summary>Longest a GET /local/messages waits for a message (<c>wait</c>, in seconds).</summary>
    public const int MaxWaitSeconds = 30;

    /// <summary>
    /// A caller on this machine talking to us directly: a loopback address and no proxy headers
    /// (a reverse proxy on the same host would otherwise make every public request look local).
    /// </summary>
    public static bool IsDirectLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");

    /// <summary>On by default only while no platform is configured; <c>Local__Enabled</c> says otherwise explicitly.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Local:Enabled")
        ?? (string.IsNullOrEmpty(configuration["MicrosoftAppId"] ?? configuration["Teams:MicrosoftAppId"])
            && string.IsNullOrEmpty(configuration["SLACK_SIGNING_SECRET"] ?? configuration["Slack:SigningSecret"]));

    /// <summary>Largest body /local accepts (a command of <see cref="Core.InputLimits.CommandChars"/> characters fits with room to spare).</summary>
    public const int MaxBodyBytes = 128 * 1024;

    /// <summary>
    /// Refuses a larger /local body with 413 before it is read: a declared Content-Length at once, a
    /// chunked body when it passes the limit (Kestrel stops reading there).
    /// </summary>
    public static WebApplication UseLocalBodyLimit(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/local"), local => local.Use(async (http, next) =>
        {
            var refusal = $"The request body is larger than {MaxBodyBytes} bytes, the most /local accepts.";
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.Response.WriteAsync(refusal);
                return;
            }
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBodyBytes;
            await next(http);
            // A chunked body that ran past the limit: the endpoint's body reader answered 413 with no text.
            if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
                await http.Response.WriteAsync(refusal);
        }));
        return app;
    }

    public static IEndpointRouteBuilder MapLocal(this IEndpointRouteBuilder app)
    {
        // The local channel is one organisation, the default one: every call runs in it.
        var group = app.MapGroup("/local").AddEndpointFilter(async (ctx, next) =>
        {
            if (!IsDirectLoopback(ctx.HttpContext)) return Results.Problem("The local channel only answers loopback callers.", statusCode: 403);
            using var org = Organisations.OrgScope.Enter(Organisations.OrgScope.Default);
            return await next(ctx);
        });

        group.MapPost("/messages", (LocalMessage message, InboxWriter inbox, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(message.From) || !message.From.Contains('@'))
                return Task.FromResult(Results.Problem("`from` must be the sender's work email.", statusCode: 400));
            var email = message.From.Trim().ToLowerInvariant();
            var conversation = Outbox.Recipients.Conversation("local", message.Conversation ?? "dm:" + email);
            return AcceptAsync(inbox, message.Id, id => new LocalRequest(id, email, message.Name, conversation, Text: message.Text ?? ""), ct);
        });

        // A click on a card button (or a submitted card): the verb and the action data merged with the inputs.
        group.MapPost("/actions", (LocalAction action, InboxWriter inbox, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(action.From) || !action.From.Contains('@') || string.IsNullOrWhiteSpace(action.Verb))
                return Task.FromResult(Results.Problem("`from` (an email) and `verb` are required.", statusCode: 400));
            var email = action.From.Trim().ToLowerInvariant();
            return AcceptAsync(inbox, action.Id, id => new LocalRequest(id, email, null, Outbox.Recipients.Conversation("local", "dm:" + email),
                Verb: action.Verb, Data: action.Data ?? new JsonObject()), ct);
        });

        group.MapGet("/messages", async (string? recipient, long? after, string? replyTo, int? wait, Organisations.OrgDb db, LocalDeliveries deliveries,
            CancellationToken ct) =>
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            waiting.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, MaxWaitSeconds)));
            while (true)
            {
                var next = deliveries.Next; // taken before reading, so a message recorded meanwhile wakes the wait
                var list = await ReadAsync(db, recipient, after ?? 0, replyTo, ct);
                if (list.Count > 0 || waiting.IsCancellationRequested) return Results.Text(list.ToJsonString(), "application/json");
                // Another instance's deliveries do not wake this one: look again every half second.
                try { await next.WaitAsync(TimeSpan.FromMilliseconds(500), waiting.Token); }
                catch (TimeoutException) { }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
        });
        return app;
    }

    /// <summary>Stores the request in the inbox (a repeated id is stored once) and answers 202 with its id and where its answer will be.</summary>
    private static async Task<IResult> AcceptAsync(InboxWriter inbox, string? given, Func<string, LocalRequest> request, CancellationToken ct)
    {
        if (given is { Length: 0 or > MaxIdChars }) return Results.Problem($"`id` must have 1 to {MaxIdChars} characters.", statusCode: 400);
        var accepted = request(given ?? Guid.NewGuid().ToString());
        await inbox.AcceptAsync(Organisations.OrgScope.Default, LocalInboxHandler.InboxSource, accepted.Id, accepted.Conversation, accepted.ToPayload(), ct);
        var answer = $"/local/messages?replyTo={Uri.EscapeDataString(accepted.Id)}";
        return Results.Accepted(answer, new { id = accepted.Id, answer });
    }

    /// <summary>
    /// The local messages after <paramref name="after"/>: what the bot posted (answers to requests
    /// are left out, as they were answered inline once), or with <paramref name="replyTo"/> the
    /// answer to that request, with the reply as the command returned it.
    /// </summary>
    private static async Task<JsonArray> ReadAsync(Organisations.OrgDb db, string? recipient, long after, string? replyTo, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT id, recipient, kind, card::text, updates, created_at, reply::text FROM local_messages
            WHERE ($1::text IS NULL OR recipient = $1) AND id > $2 AND ($3::text IS NULL AND reply_to IS NULL OR reply_to = $3)
            ORDER BY id LIMIT 500
            """);
        cmd.Parameters.Add(new() { Value = (object?)recipient ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = after });
        cmd.Parameters.Add(new() { Value = (object?)replyTo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var list = new JsonArray();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var message = new JsonObject
            {
                ["id"] = reader.GetInt64(0), ["recipient"] = reader.GetString(1), ["kind"] = reader.GetString(2),
                ["card"] = JsonNode.Parse(reader.GetString(3)), ["updates"] = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                ["createdAt"] = reader.GetFieldValue<DateTimeOffset>(5),
            };
            if (!reader.IsDBNull(6)) message["reply"] = JsonNode.Parse(reader.GetString(6));
            list.Add(message);
        }
        return list;
    }
}
