using System.Text.Json.Nodes;
using Npgsql;

namespace HireBot.Storage;

/// <summary>
/// Turns "the database is away for a moment" (a restart, a failover, an exhausted pool) into a
/// clear answer instead of a 500 with a stack trace. Slack slash commands get HTTP 200 with an
/// ephemeral "try again" text, because Slack shows any non-200 to the user as a bare
/// "dispatch_failed" and never retries a command
/// (https://docs.slack.dev/interactivity/implementing-slash-commands/#responding_to_commands).
/// Everything else gets 503 with Retry-After: the Bot Connector and Slack's Events API retry
/// such answers, and inbound de-duplication makes their retries safe.
/// </summary>
public sealed partial class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public const string Message = "HireBot cannot reach its database right now. Nothing was saved; please try again in a moment.";

    /// <summary>Retry-After when the inbox write queue is full.</summary>
    public const string BusyRetryAfterSeconds = "1";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Inbox.InboxFullException e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = BusyRetryAfterSeconds;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message);
        }
        catch (Exception e) when (IsUnavailable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, context.Request.Path, (e as PostgresException)?.SqlState ?? e.GetType().Name);
            context.Response.Clear();
            if (context.Request.Path.StartsWithSegments("/slack/commands"))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["response_type"] = "ephemeral", ["text"] = Message });
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Message);
        }
    }

    /// <summary>Transient by Npgsql's judgement, a server shutting down (57P…), a connection failure (08…), or an inbox closed for shutdown.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException,
        AggregateException { InnerExceptions: [var only] } => IsUnavailable(only),
        Inbox.InboxUnavailableException => true,
        _ => false,
    };

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Database unavailable while serving {Path} ({Error}); answered with a retry hint")]
    private static partial void LogUnavailable(ILogger logger, PathString path, string error);
}
