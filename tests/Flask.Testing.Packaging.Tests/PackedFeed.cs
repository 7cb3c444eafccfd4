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
    /// and everything else from nuget.org, as a user of the folder feed would; with <paramref name="libraries"/>, also
    /// the packages matching its pattern from its folder (a team's rubric libraries).
    /// </summary>
    public void WriteNuGetConfig(string directory, (string Directory, string Pattern)? libraries = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        string librarySource = libraries is { } l ? $"""<add key="libraries" value="{l.Directory}" />""" : string.Empty;
        string libraryMapping = libraries is { } m ? $"""<packageSource key="libraries"><package pattern="{m.Pattern}" /></packageSource>""" : string.Empty;
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Directory}" />
                {librarySource}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Flask.Testing*" /></packageSource>
                {libraryMapping}
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
