using Microsoft.Extensions.Options;

namespace Streaming.Ingress.Tests;

/// <summary>A folder of its own for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("streaming-media-").FullName;

    public MediaStore Store() => new(Options.Create(new MediaOptions { Folder = Path }));

    public IEnumerable<string> Files() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
