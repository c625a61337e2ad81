using System.Globalization;
namespace HireBot.Bench.Load;

/// <summary>Client-side figures of one load phase: acknowledgement latencies and status codes per kind of request.</summary>
public sealed class LoadResult
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<double>> _latencies = new();
    private readonly Dictionary<(string, int), int> _statuses = new();
    private int _dropped;

    public TimeSpan Elapsed { get; set; }

    public void Dropped() => Interlocked.Increment(ref _dropped);

    public void Record(string platform, int status, double milliseconds)
    {
        lock (_gate)
        {
            if (!_latencies.TryGetValue(platform, out var list)) _latencies[platform] = list = [];
            list.Add(milliseconds);
            _statuses[(platform, status)] = _statuses.GetValueOrDefault((platform, status)) + 1;
        }
    }

    public int Count { get { lock (_gate) return _latencies.Values.Sum(l => l.Count); } }

    /// <summary>Answered with 2xx per second of the phase.</summary>
    public double Throughput { get { lock (_gate) return _statuses.Where(s => s.Key.Item2 is >= 200 and < 300).Sum(s => s.Value) / Elapsed.TotalSeconds; } }

    public int Failures { get { lock (_gate) return _statuses.Where(s => s.Key.Item2 is < 200 or >= 300).Sum(s => s.Value) + _dropped; } }

    /// <summary>Requests of <paramref name="kind"/> (all when null) that got no 2xx: refused, timed out, or not sent because too many were in flight.</summary>
    public int FailuresOf(string? kind)
    {
        if (kind is null) return Failures;
        lock (_gate) return _statuses.Where(s => s.Key.Item1 == kind && s.Key.Item2 is < 200 or >= 300).Sum(s => s.Value);
    }

    public int CountOf(string kind) { lock (_gate) return _latencies.GetValueOrDefault(kind)?.Count ?? 0; }

    public double Percentile(string? platform, double q)
    {
        lock (_gate)
        {
            var all = (platform is null ? _latencies.Values.SelectMany(l => l) : _latencies.GetValueOrDefault(platform) ?? []).Order().ToList();
            return all.Count == 0 ? double.NaN : all[Math.Clamp((int)Math.Ceiling(q * all.Count) - 1, 0, all.Count - 1)];
        }
    }

    public void Print(string phase)
    {
        lock (_gate)
        {
            Console.WriteLine($"{phase}: {Count} requests in {Elapsed.TotalSeconds:0.0} s, {Throughput:0} ok/s, failures {Failures} (dropped {_dropped})");
            Console.WriteLine($"  {"kind",-8} {"n",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}  statuses");
            foreach (var platform in _latencies.Keys.Order().Append("all"))
            {
                var p = platform == "all" ? null : platform;
                var n = p is null ? _latencies.Values.Sum(l => l.Count) : _latencies[p].Count;
                var statuses = string.Join(" ", _statuses.Where(s => p is null || s.Key.Item1 == p).GroupBy(s => s.Key.Item2).OrderBy(g => g.Key)
                    .Select(g => $"{(g.Key < 0 ? (g.Key == -1 ? "timeout" : "conn-error") : g.Key.ToString(CultureInfo.InvariantCulture))}×{g.Sum(s => s.Value)}"));
                Console.WriteLine($"  {platform,-8} {n,7} {Percentile(p, 0.5),8:0.0} {Percentile(p, 0.95),8:0.0} {Percentile(p, 0.99),8:0.0} {Percentile(p, 1),8:0.0}  {statuses}");
            }
        }
    }
}
