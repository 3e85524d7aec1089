using System.Reflection;

namespace Streaming.EndToEnd.Tests;

/// <summary>Finds the repository checkout the tests were built from, to reach deploy/ and scripts/.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        // Normally the build output sits inside the checkout (artifacts/ next to Streaming.sln).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (IsRoot(dir.FullName))
            {
                return dir.FullName;
            }
        }

        // With a private --artifacts-path it does not: fall back to the folder recorded at build time.
        var recorded = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && IsRoot(recorded))
        {
            return recorded;
        }

        throw new InvalidOperationException(
            $"Neither a folder above {AppContext.BaseDirectory} nor the build-time source folder " +
            $"'{recorded}' contains Streaming.sln; run the tests from a checkout.");
    }

    private static bool IsRoot(string path) => File.Exists(Path.Combine(path, "Streaming.sln"));
}
