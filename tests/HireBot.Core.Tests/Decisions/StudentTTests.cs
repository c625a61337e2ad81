using HireBot.Core.Decisions;

namespace HireBot.Core.Tests.Decisions;

public class StudentTTests
{
    // Reference values from standard t tables.
    [Theory]
    [InlineData(0.95, 1, 6.313752)]
    [InlineData(0.95, 5, 2.015048)]
    [InlineData(0.95, 9, 1.833113)]
    [InlineData(0.975, 5, 2.570582)]
    [InlineData(0.95, 30, 1.697261)]
    [InlineData(0.95, 1e7, 1.644854)]
    [InlineData(0.05, 9, -1.833113)]
    public void Quantile_matches_the_t_table(double p, double df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(p, df), 5);

    [Theory]
    [InlineData(1.833113, 9, 0.95)]
    [InlineData(0, 3, 0.5)]
    [InlineData(-2.570582, 5, 0.025)]
    public void Cdf_inverts_the_quantile(double t, double df, double expected) =>
        Assert.Equal(expected, StudentT.Cdf(t, df), 6);
}
