using HireBot.Cards;
using HireBot.Hiring;
using Quartz;

namespace HireBot.Slack;

/// <summary>
/// Runs a slash command that may outlast Slack's 3-second acknowledgement (scheduling reads every
/// panelist's calendar) as a durable Quartz job, and posts its answer to the command's
/// response_url, which stays valid for 30 minutes. The endpoint acknowledges at once.
/// </summary>
public sealed class SlackSlowCommandJob(CommandHandler commands, MessageRenderer renderer, BlockKitTranslator translator,
    SlackResponseUrlClient responses) : IJob
{
    /// <summary>Commands that read external calendars before they can answer.</summary>
    public static readonly IReadOnlySet<string> Slow = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "schedule", "reschedule" };

    public static async Task EnqueueAsync(IScheduler scheduler, Actor actor, string text, string responseUrl, CancellationToken ct)
    {
        var job = JobBuilder.Create<SlackSlowCommandJob>()
            .WithIdentity($"slack-command-{Guid.NewGuid()}", "slack")
            .UsingJobData("email", actor.Email)
            .UsingJobData("replyTo", actor.ReplyTo ?? "")
            .UsingJobData("text", text)
            .UsingJobData("responseUrl", responseUrl)
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(job, [TriggerBuilder.Create().StartNow().Build()], new ScheduleJobOptions(), ct);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var email = data.GetString("email")!;
        var replyTo = data.GetString("replyTo");
        var actor = new Actor(email, email, "slack", string.IsNullOrEmpty(replyTo) ? null : replyTo);
        var reply = await commands.HandleAsync(actor, data.GetString("text")!, cancellationToken);
        var message = translator.ToMessage(renderer.Render(reply.Kind, reply.Data));
        await responses.PostAsync(data.GetString("responseUrl")!,
            new SlackResponseMessage(message["text"]?.GetValue<string>() ?? reply.Summary, message["blocks"]?.AsArray(), InChannel: reply.Public), cancellationToken);
    }
}
