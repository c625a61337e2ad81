using HireBot.Core.Decisions;
using Microsoft.Extensions.Options;

namespace HireBot.Decisions;

/// <summary>Refuses to start with an unusable decision policy, naming the <c>Decisions:</c> setting at fault.</summary>
public sealed class DecisionPolicyValidator : IValidateOptions<DecisionPolicy>
{
    public const string Section = "Decisions";

    public ValidateOptionsResult Validate(string? name, DecisionPolicy options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail($"{Section}: {problem}") : ValidateOptionsResult.Success;
}
