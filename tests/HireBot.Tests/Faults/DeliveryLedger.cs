using HireBot.Tests.Fakes;

namespace HireBot.Tests.Faults;

/// <summary>
/// Counts, per message marker, the posts a fake answered with success: every request whose body
/// carries the marker, minus those the fake refused on purpose. "Delivered once" means exactly one.
/// </summary>
public static class DeliveryLedger
{
    public static string Marker(int n) => $"[msg-{n:D4}]";

    public static Dictionary<int, int> SlackPosts(FakeSlack slack, int count)
    {
        var refused = slack.Refused.ToHashSet<object>(ReferenceEqualityComparer.Instance); // a retry has the same body: compare instances
        return Count(count, slack.CallsTo("chat.postMessage").Where(c => !refused.Contains(c)).Select(c => c.Body));
    }

    public static Dictionary<int, int> TeamsSends(FakeBotConnector connector, int count)
    {
        var refused = connector.Refused.ToHashSet<object>(ReferenceEqualityComparer.Instance);
        return Count(count, connector.Requests.Where(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal) && !refused.Contains(r))
            .Select(r => r.Body));
    }

    private static Dictionary<int, int> Count(int count, IEnumerable<string> bodies)
    {
        var list = bodies.ToList();
        return Enumerable.Range(0, count).ToDictionary(n => n, n => list.Count(b => b.Contains(Marker(n), StringComparison.Ordinal)));
    }
}
