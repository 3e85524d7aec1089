using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Silo;

/// <summary>Cross-field checks of <see cref="WindowOptions"/>, naming the property at fault.</summary>
internal sealed class WindowOptionsValidator : IValidateOptions<WindowOptions>
{
    public ValidateOptionsResult Validate(string? name, WindowOptions options)
    {
        var failures = new List<string>();
        if (options.Sizes.Length == 0 || options.Sizes.Any(s => s <= TimeSpan.Zero))
        {
            failures.Add($"{nameof(WindowOptions.Sizes)}: at least one size, each greater than zero.");
        }
        if (options.Sizes.Any(s => TimeSpan.FromDays(1).Ticks % s.Ticks != 0))
        {
            failures.Add($"{nameof(WindowOptions.Sizes)}: each size must divide a day evenly, so windows align to midnight UTC.");
        }
        if (options.AllowedLateness < TimeSpan.Zero)
        {
            failures.Add($"{nameof(WindowOptions.AllowedLateness)}: must not be negative.");
        }
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(WindowOptions.IdleTimeout)}: must be greater than zero.");
        }
        if (options.RetainWindows < 1)
        {
            failures.Add($"{nameof(WindowOptions.RetainWindows)}: at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
