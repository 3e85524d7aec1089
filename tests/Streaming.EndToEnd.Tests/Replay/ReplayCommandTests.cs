using System.Diagnostics;
using System.Globalization;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The <c>replay</c> command run as its own process (<c>dotnet Streaming.Silo.dll replay ...</c>, no Orleans host) against
/// the archive a running silo wrote.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ReplayCollection.Name)]
public sealed class ReplayCommandTests(ReplaySilo fixture)
{
    [Fact]
    public async Task ReplayCommand_ArchiveOfARunningSilo_WritesCsvOfTheRangeAndExitsZero()
    {
        var output = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, stdout, stderr) = await Run(["--from", Iso(ReplaySilo.From), "--to", Iso(ReplaySilo.To), "--kind", "sensor",
                "--metric", "co", "--archive", fixture.Archive, "--out", output]);

            Assert.True(code == 0, $"exit code {code}\n{stdout}\n{stderr}");
            Assert.Contains("events/s", stdout, StringComparison.Ordinal);
            var lines = await File.ReadAllLinesAsync(output);
            var expected = fixture.Sent.Count(r => r.Time >= ReplaySilo.From && r.Time < ReplaySilo.To && r.Readings["co"].Value != -200);
            Assert.Equal("eventTime,source,entity,metric,value,unit,flags,envelopeId", lines[0]);
            Assert.Equal(expected, lines.Length - 1);
            Assert.All(lines.Skip(1), l => Assert.Equal("co", l.Split(',')[3]));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task ReplayCommand_SandboxWithRunningSilo_RunsThereAndDiffPrintsTheChangedWindows()
    {
        var silo = $"http://127.0.0.1:{fixture.Silo.HttpPort}";
        var name = $"cmd-{Guid.NewGuid():N}"[..16];
        await new SandboxApi(fixture.Silo.Http).LiveSettledAsync();

        var (code, stdout, stderr) = await Run(["--from", Iso(ReplaySilo.From), "--to", Iso(ReplaySilo.To), "--kind", "sensor",
            "--sandbox", name, "--set", "Cleaning:Limits:no2:Max=150", "--silo", silo]);
        Assert.True(code == 0, $"exit code {code}\n{stdout}\n{stderr}");
        Assert.Contains($"sandbox {name} is ready", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = await Run(["diff", "--sandbox", name, "--silo", silo]);
        Assert.True(code == 0, $"exit code {code}\n{stdout}\n{stderr}");
        Assert.Contains("6 changed, 0 only in sandbox, 12 only in live", stdout, StringComparison.Ordinal);
        Assert.Contains("changed: source:uci-air-1 sensor/no2 1d 2004-03-11T00:00:00.0000000+00:00 count 23 -> 20", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayCommand_SandboxWithNoSilo_SaysThePlatformMustRunAndExitsOne()
    {
        var (code, _, stderr) = await Run(["--from", Iso(ReplaySilo.From), "--to", Iso(ReplaySilo.To), "--sandbox", "nobody-home",
            "--silo", $"http://127.0.0.1:{FreeTcpPort.Next()}"]);

        Assert.Equal(1, code);
        Assert.Contains("a sandbox needs the platform running", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "yesterday", "--to", "2004-03-12T00:00:00Z", "--out", "x.csv")]
    [InlineData("--from", "2004-03-12T00:00:00Z", "--to", "2004-03-11T00:00:00Z", "--out", "x.csv")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--out", "x.xlsx")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--out", "x.csv", "--kind", "video")]
    [InlineData("--frm", "2004-03-11T00:00:00Z")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--out", "x.csv", "--sandbox", "both")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--sandbox", "Bad Name")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--out", "x.csv", "--set", "a=1")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--out", "x.csv", "--kafka", "127.0.0.1:9092", "--archive", "a")]
    [InlineData("--from", "2004-03-11T00:00:00Z", "--to", "2004-03-12T00:00:00Z", "--out", "x.csv", "--topic", "streaming.ingest.v1")]
    [InlineData("diff", "--limit", "10")]
    public async Task ReplayCommand_BadArguments_ExitsOneWithTheReason(params string[] args)
    {
        var (code, _, stderr) = await Run(args);

        Assert.Equal(1, code);
        Assert.Contains("usage: replay", stderr, StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    internal static async Task<(int Code, string Stdout, string Stderr)> Run(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloProcess.AppAssembly());
        info.ArgumentList.Add("replay");
        args.ToList().ForEach(info.ArgumentList.Add);
        info.Environment["Windows__Sizes__0"] = "01:00:00";
        info.Environment["Windows__Sizes__1"] = "1.00:00:00";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
