using Quartz;

namespace HireBot.Organisations;

/// <summary>
/// The organisation the current request, inbox row, outbox row or job works for. Entry points set
/// it from what they verified (a Teams tenant, a Slack workspace, the local channel) or from the
/// row or job they claimed; every store reads it through <see cref="OrgDb"/>, which refuses to
/// hand out a connection without one.
/// <para>
/// Why ambient (an <see cref="AsyncLocal{T}"/>) rather than a parameter: stores are singletons
/// called from dozens of places, and an organisation passed by hand is exactly the parameter
/// someone forgets or passes wrong. Here it is set in the few places work starts (endpoints,
/// the inbox worker, the outbox dispatcher, jobs) and flows with the async call; a store reached
/// without one throws instead of reading across organisations, and the database enforces the
/// scope again with row-level security (see <see cref="OrgDb"/>).
/// </para>
/// </summary>
public static class OrgScope
{
    /// <summary>The organisation every row written before organisations existed moved into; the local channel's.</summary>
    public static readonly Guid Default = new("00000000-0000-0000-0000-000000000001");

    private static readonly AsyncLocal<Guid?> Ambient = new();

    /// <summary>The organisation in scope, or null outside any.</summary>
    public static Guid? Current => Ambient.Value;

    /// <summary>The organisation in scope; throws outside any (a bug: work started without its organisation).</summary>
    public static Guid Required => Ambient.Value
        ?? throw new InvalidOperationException("No organisation in scope: org-scoped data was reached from work that did not enter its organisation (OrgScope.Enter).");

    /// <summary>Runs what follows (until disposed) for <paramref name="org"/>.</summary>
    public static IDisposable Enter(Guid org)
    {
        var before = Ambient.Value;
        Ambient.Value = org;
        return new Exit(before);
    }

    /// <summary>The Quartz job-data key naming a job's organisation.</summary>
    public const string JobDataKey = "orgId";

    /// <summary>
    /// A job's organisation from its data; a job scheduled before organisations existed carries
    /// none, and belongs (like all data of that time) to the default organisation.
    /// </summary>
    public static Guid FromJobData(Quartz.JobDataMap data) =>
        data.GetString(JobDataKey) is { Length: > 0 } id ? Guid.Parse(id) : Default;

    private sealed class Exit(Guid? before) : IDisposable
    {
        public void Dispose() => Ambient.Value = before;
    }
}
