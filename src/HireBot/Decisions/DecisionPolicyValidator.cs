using HireBot.Core.Decisions;
using Microsoft.Extensions.Options;

namespace HireBot.Decisions;

/// <summary>
/// Refuses to start with an unusable decision policy, naming the variable at fault: every message of
/// <see cref="DecisionPolicy.Validate"/> starts with the property name, so the prefix makes it
/// <c>Decisions__NoHireThreshold …</c>, as written in bot.env.
/// </summary>
public sealed class DecisionPolicyValidator : IValidateOptions<DecisionPolicy>
{
    public const string Section = "Decisions";

    public ValidateOptionsResult Validate(string? name, DecisionPolicy options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail($"{Section}__{problem}") : ValidateOptionsResult.Success;
}
