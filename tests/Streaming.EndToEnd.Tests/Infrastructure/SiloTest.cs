namespace Streaming.EndToEnd.Tests;

/// <summary>A test class whose every test gets a fresh silo process, started with <see cref="Settings"/>.</summary>
public abstract class SiloTest : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>The silo under test.</summary>
    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo starts in InitializeAsync.");

    /// <summary>Configuration for the silo (keys as in appsettings, e.g. <c>Windows:Sizes:0</c>); none by default.</summary>
    protected virtual Dictionary<string, string> Settings => [];

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
