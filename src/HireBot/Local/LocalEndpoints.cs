using System.Net;
using System.Text.Json.Nodes;
using HireBot.Hiring;
using Npgsql;

namespace HireBot.Local;

/// <summary>
/// The local channel's HTTP surface, for the demo and for trying the bot without a platform:
/// POST /local/messages types a command as someone; GET /local/messages reads what the bot
/// posted. Anyone may claim any email here, so it only answers direct loopback callers, and is
/// mapped only while no platform is configured (or when <c>Local__Enabled</c> says so).
/// </summary>
public static class LocalEndpoints
{
    public sealed record LocalMessage(string From, string Text, string? Name = null, string? Conversation = null);
    public sealed record LocalAction(string From, string Verb, JsonObject? Data);

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

        group.MapPost("/messages", async (LocalMessage message, Commands.CommandDispatcher commands, PeopleStore people, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(message.From) || !message.From.Contains('@'))
                return Results.Problem("`from` must be the sender's work email.", statusCode: 400);
            var email = message.From.Trim().ToLowerInvariant();
            await people.LinkAsync("local", email, email, null, null, null, null, ct);
            var conversation = Outbox.Recipients.Conversation("local", message.Conversation ?? "dm:" + email);
            var reply = await commands.HandleAsync(new Actor(email, message.Name ?? email, "local", conversation), message.Text ?? "", ct);
            return Results.Ok(new { kind = reply.Kind, data = reply.Data, isError = reply.IsError, @public = reply.Public });
        });

        // A click on a card button (or a submitted card): the verb and the action data merged with the inputs.
        group.MapPost("/actions", async (LocalAction action, Commands.CardActionDispatcher actions, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(action.From) || !action.From.Contains('@') || string.IsNullOrWhiteSpace(action.Verb))
                return Results.Problem("`from` (an email) and `verb` are required.", statusCode: 400);
            var email = action.From.Trim().ToLowerInvariant();
            var reply = await actions.HandleAsync(new Actor(email, email, "local", Outbox.Recipients.Conversation("local", "dm:" + email)),
                action.Verb, action.Data ?? new JsonObject(), ct);
            return Results.Ok(new { kind = reply.Kind, data = reply.Data, isError = reply.IsError, replaces = reply.Replaces });
        });

        group.MapGet("/messages", async (string? recipient, long? after, Organisations.OrgDb db, CancellationToken ct) =>
        {
            await using var cmd = db.CreateCommand(
                "SELECT id, recipient, kind, card::text, updates, created_at FROM local_messages WHERE ($1::text IS NULL OR recipient = $1) AND id > $2 ORDER BY id LIMIT 500");
            cmd.Parameters.Add(new() { Value = (object?)recipient ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = after ?? 0L });
            var list = new JsonArray();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                list.Add(new JsonObject
                {
                    ["id"] = reader.GetInt64(0), ["recipient"] = reader.GetString(1), ["kind"] = reader.GetString(2),
                    ["card"] = JsonNode.Parse(reader.GetString(3)), ["updates"] = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    ["createdAt"] = reader.GetFieldValue<DateTimeOffset>(5),
                });
            return Results.Text(list.ToJsonString(), "application/json");
        });
        return app;
    }
}
