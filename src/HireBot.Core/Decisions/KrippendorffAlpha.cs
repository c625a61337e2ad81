namespace HireBot.Core.Decisions;

/// <summary>
/// Krippendorff's alpha with the ordinal metric (Krippendorff, Content Analysis, 2004 / "Computing
/// Krippendorff's alpha-reliability", 2011). Units are competencies, values are ratings (distinct
/// values ordered, so a panelist's average of two interviews is its own category).
/// α = 1 − (n − 1)·Σ o꜀ₖ δ²꜀ₖ / Σ n꜀ nₖ δ²꜀ₖ, with o the coincidence matrix (each unit of m values
/// adds 1/(m − 1) per ordered pair), n꜀ its margins, n their total, and the ordinal distance
/// δ²꜀ₖ = (Σ_{g=c..k} n_g − (n꜀ + nₖ)/2)².
/// </summary>
internal static class KrippendorffAlpha
{
    public static AgreementEstimate Ordinal(IEnumerable<IReadOnlyList<double>> units, int minRatings)
    {
        var pairable = units.Where(u => u.Count >= 2).ToList();
        var values = pairable.SelectMany(u => u).Distinct().Order().ToList();
        var index = values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var k = values.Count;
        var o = new double[k, k];
        foreach (var unit in pairable)
            for (var i = 0; i < unit.Count; i++)
                for (var j = 0; j < unit.Count; j++)
                    if (i != j) o[index[unit[i]], index[unit[j]]] += 1.0 / (unit.Count - 1);
        var ratings = pairable.Sum(u => u.Count);
        var margins = new double[k];
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++) margins[a] += o[a, b];
        double observed = 0, expected = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                if (a == b) continue;
                var (low, high) = a < b ? (a, b) : (b, a);
                var between = 0.0;
                for (var g = low; g <= high; g++) between += margins[g];
                var delta = Math.Pow(between - (margins[low] + margins[high]) / 2, 2);
                observed += o[a, b] * delta;
                expected += margins[a] * margins[b] * delta;
            }
        double? alpha = ratings < Math.Max(2, minRatings) || expected <= 0 ? null : 1 - (ratings - 1) * observed / expected;
        return new AgreementEstimate(alpha, ratings, pairable.Count);
    }
}
