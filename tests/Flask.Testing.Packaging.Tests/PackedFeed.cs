using System;
using System.IO;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>The three packages, packed once with a unique version into a folder feed, as a release would pack them.</summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TempDirectory _root = new("flask-feed");

    public string Version { get; } = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Directory => Path.Combine(_root, "feed");

    public async ValueTask InitializeAsync()
    {
        foreach (string project in new[] { "src/Flask.Testing", "src/Flask.Testing.Xunit", "src/Flask.Cli" })
        {
            var pack = await Shell.RunAsync(RepoPaths.Root, "dotnet",
                ["pack", project, "-c", "Release", "-o", Directory, $"-p:Version={Version}", "-nodeReuse:false", "--nologo"]);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
