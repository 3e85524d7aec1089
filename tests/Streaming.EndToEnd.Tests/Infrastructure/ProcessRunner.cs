using System.Diagnostics;

namespace Streaming.EndToEnd.Tests;

/// <summary>What a finished process printed.</summary>
internal sealed record ProcessResult(string StandardOutput, string StandardError);

/// <summary>
/// Runs a command to completion, capturing both output streams. A non-zero exit code or a timeout
/// throws with the command line and everything it printed, so fixture failures explain themselves.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = string.Join(' ', [fileName, .. startInfo.ArgumentList]);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        process.StandardInput.Close();

        // Read both pipes concurrently: a process blocks once a pipe it writes to is full.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"'{commandLine}' did not finish within {timeout ?? TimeSpan.FromMinutes(1)}.\n" +
                $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        var result = new ProcessResult(await stdout, await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{commandLine}' exited with code {process.ExitCode}.\n" +
                $"stdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}");
        }

        return result;
    }
}
