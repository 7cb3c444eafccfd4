using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

[assembly: AssemblyFixture(typeof(Flask.Testing.Packaging.Tests.PackedFeed))]

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// The four projects' packages (runtime, xUnit extension, tool, project template), packed once per test run with a
/// unique version into a folder feed, as a release would pack them; shared by every test class of the assembly. The
/// tool is three packages (src/Flask.Cli/Flask.Cli.csproj): the pointer Flask.Testing.Cli, Flask.Testing.Cli.any
/// (framework-dependent) and Flask.Testing.Cli.linux-x64 (Native AOT, packed on a linux-x64 host only).
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private static readonly string[] Projects =
    [
        "src/Flask.Testing/Flask.Testing.csproj",
        "src/Flask.Testing.Xunit/Flask.Testing.Xunit.csproj",
        "src/Flask.Cli/Flask.Cli.csproj",
        "templates/Flask.Testing.Templates/Flask.Testing.Templates.csproj",
    ];

    private readonly TempDirectory _root = new("flask-feed");

    public string Version { get; } = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Directory => Path.Combine(_root, "feed");

    public async ValueTask InitializeAsync()
    {
        // One `dotnet pack` over a solution filter of the four projects rather than four in turn: MSBuild builds each
        // shared reference once and packs the others while the tool's native compile (the longest step) runs.
        System.IO.Directory.CreateDirectory(_root);
        string filter = Path.Combine(_root, "packages.slnf");
        File.WriteAllText(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = Path.Combine(RepoPaths.Root, "Flask.Testing.sln"), projects = Projects },
        }));
        var pack = await Shell.RunAsync(RepoPaths.Root, "dotnet",
            ["pack", filter, "-c", "Release", "-o", Directory, $"-p:Version={Version}", "-nodeReuse:false", "--nologo"]);
        Assert.True(pack.ExitCode == 0, pack.Output);
    }

    /// <summary>The path of the package <paramref name="id"/> of this feed; fails the test when the feed has none.</summary>
    public string Package(string id)
    {
        string path = Path.Combine(Directory, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"the feed has no {Path.GetFileName(path)}: {string.Join(", ", System.IO.Directory.GetFiles(Directory, "*.nupkg").Select(Path.GetFileName))}");
        return path;
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

    public async ValueTask DisposeAsync()
    {
        // The builds of this run compiled through the compiler server (Shell): leave no server behind, as -nodeReuse:false
        // leaves no MSBuild node.
        var shutdown = await Shell.RunAsync(RepoPaths.Root, "dotnet", ["build-server", "shutdown", "--vbcscompiler"]);
        _root.Dispose();
        Assert.True(shutdown.ExitCode == 0, shutdown.Output);
    }
}
