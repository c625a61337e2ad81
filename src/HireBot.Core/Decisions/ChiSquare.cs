namespace HireBot.Core.Decisions;

/// <summary>
/// The χ² upper tail, through the regularised upper incomplete gamma function Q(k/2, x/2): its
/// series below a + 1, its continued fraction (modified Lentz) above.
/// </summary>
internal static class ChiSquare
{
    /// <summary>P(X ≥ x) for X ~ χ²(df).</summary>
    public static double UpperTail(double x, double df) => x <= 0 ? 1 : UpperGamma(df / 2, x / 2);

    private static double UpperGamma(double a, double x)
    {
        var front = Math.Exp(-x + a * Math.Log(x) - StudentT.LogGamma(a));
        if (x < a + 1)
        {
            double term = 1 / a, sum = term, ap = a;
            for (var i = 0; i < 1000; i++)
            {
                ap += 1;
                term *= x / ap;
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-15) break;
            }
            return Math.Max(0, 1 - sum * front);
        }
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b; if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return front * h;
    }
}
