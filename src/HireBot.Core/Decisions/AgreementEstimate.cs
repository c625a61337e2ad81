namespace HireBot.Core.Decisions;

/// <summary>
/// Krippendorff's alpha (ordinal metric) over the panel's competencies: 1 when raters agree
/// perfectly, 0 when they agree no more than chance would, negative when less.
/// <see cref="Ratings"/> is how many ratings it rests on (those of competencies with two or more
/// raters) over <see cref="Competencies"/> competencies; <see cref="Alpha"/> is null when there are
/// too few (<see cref="DecisionPolicy.MinAgreementRatings"/>) or every rating is the same value,
/// which gives nothing to compare against chance.
/// </summary>
public sealed record AgreementEstimate(double? Alpha, int Ratings, int Competencies);
