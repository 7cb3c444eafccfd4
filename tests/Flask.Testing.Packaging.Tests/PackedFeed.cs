using System;
using System.IO;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

[assembly: AssemblyFixture(typeof(Flask.Testing.Packaging.Tests.PackedFeed))]

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// The four packages (runtime, xUnit extension, tool, project template), packed once per test run with a unique
/// version into a folder feed, as a release would pack them; shared by every test class of the assembly.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TempDirectory _root = new("flask-feed");

    public string Version { get; } = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Directory => Path.Combine(_root, "feed");

    public async ValueTask InitializeAsync()
    {
        foreach (string project in new[] { "src/Flask.Testing", "src/Flask.Testing.Xunit", "src/Flask.Cli", "templates/Flask.Testing.Templates" })
        {
            var pack = await Shell.RunAsync(RepoPaths.Root, "dotnet",
                ["pack", project, "-c", "Release", "-o", Directory, $"-p:Version={Version}", "-nodeReuse:false", "--nologo"]);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }
    }

    /// <summary>
    /// Writes a nuget.config into <paramref name="directory"/> that takes the Flask.Testing packages from this feed only
    /// and everything else from nuget.org, as a user of the folder feed would.
    /// </summary>
    public void WriteNuGetConfig(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Flask.Testing*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
