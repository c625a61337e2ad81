namespace HireBot.Core.Decisions;

/// <summary>
/// Student's t distribution (any positive, possibly fractional, degrees of freedom), written out
/// here because Core takes no packages. The CDF goes through the regularised incomplete beta
/// function, evaluated by its continued fraction (modified Lentz); the quantile inverts the CDF
/// with Newton's method.
/// </summary>
internal static class StudentT
{
    /// <summary>P(T ≤ t) for T ~ t(df).</summary>
    public static double Cdf(double t, double df)
    {
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t²).
        return Cdf(t, df, LogBeta(df / 2, 0.5));
    }

    // The log-beta constant depends only on df; Quantile computes it once for all its iterations.
    private static double Cdf(double t, double df, double logBeta)
    {
        var tail = RegularisedIncompleteBeta(df / (df + t * t), df / 2, 0.5, logBeta) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>The t with P(T ≤ t) = p, for 0 &lt; p &lt; 1.</summary>
    public static double Quantile(double p, double df)
    {
        if (p is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must be strictly between 0 and 1.");
        if (p < 0.5) return -Quantile(1 - p, df);
        // Newton's method on the CDF from t = 0 (the CDF is concave for t ≥ 0, so Newton from the
        // left approaches monotonically), then bisection as a fallback that always converges.
        var t = 0.0;
        var logBeta = LogBeta(df / 2, 0.5);
        var logNorm = -logBeta - 0.5 * Math.Log(df);
        for (var i = 0; i < 50; i++)
        {
            var density = Math.Exp(logNorm - (df + 1) / 2 * Math.Log(1 + t * t / df));
            var step = (Cdf(t, df, logBeta) - p) / density;
            t -= step;
            if (Math.Abs(step) < 1e-10 * Math.Max(1, Math.Abs(t))) return t;
        }
        double low = 0, high = 1;
        while (Cdf(high, df) < p) high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid, df) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    internal static double RegularisedIncompleteBeta(double x, double a, double b, double logBeta)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var logFront = a * Math.Log(x) + b * Math.Log(1 - x) - logBeta;
        // The continued fraction converges fast only below the mean a/(a+b); use the symmetry
        // I_x(a, b) = 1 - I_{1-x}(b, a) above it.
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront) * BetaContinuedFraction(x, a, b) / a
            : 1 - Math.Exp(logFront) * BetaContinuedFraction(1 - x, b, a) / b;
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var result = d;
        for (var m = 1; m <= 500; m++)
        {
            // Even step, then odd step, of the continued fraction for I_x(a, b).
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d; d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + even / c; if (Math.Abs(c) < tiny) c = tiny;
            result *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d; d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + odd / c; if (Math.Abs(c) < tiny) c = tiny;
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < 1e-14) break;
        }
        return result;
    }

    /// <summary>ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, nine coefficients).</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61508217486808, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++) sum += coefficients[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
