namespace HireBot.Core.Decisions;

/// <summary>A scaled-inverse-χ² prior on rater noise variance: a guess and how many observations it is worth.</summary>
internal readonly record struct NoisePrior(double Variance, double DegreesOfFreedom);
