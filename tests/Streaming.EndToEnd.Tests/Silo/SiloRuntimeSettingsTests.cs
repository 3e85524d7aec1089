using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>The runtime settings the silo ships with, as the host reads them from the built runtimeconfig.json.</summary>
public sealed class SiloRuntimeSettingsTests
{
    [Fact]
    public void RuntimeConfig_ThreadPoolWorkers_ParkWithoutSpinning()
    {
        var path = Path.ChangeExtension(SiloProcess.AppAssembly(), ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin),
            $"{path} should set the thread pool's spin limit (silo/Streaming.Silo/Streaming.Silo.csproj)");
        Assert.Equal(0, spin.GetInt32());
    }
}
