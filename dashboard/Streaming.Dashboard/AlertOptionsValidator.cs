using Microsoft.Extensions.Options;

namespace Streaming.Dashboard;

/// <summary>Checks each alert rule at start-up, naming the rule and what is wrong with it.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Rules.Count; i++)
        {
            if (options.Rules[i].ToRule(out var problem) is null)
            {
                failures.Add($"Alerts:Rules:{i}: {problem}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
