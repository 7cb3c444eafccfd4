using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// A package's project URL is its repository's when SourceLink finds a git remote, and absent without one: the
/// repository's Directory.Build.* in a temporary git checkout with a tiny project, the property read after the target
/// that sets it (no build, no pack: a few seconds).
/// </summary>
public sealed class ProjectUrlTests : System.IDisposable
{
    private readonly TempDirectory _checkout = new("flask-project-url");

    public void Dispose() => _checkout.Dispose();

    [Fact]
    public async Task Is_the_remote_repository_without_dot_git_and_absent_without_a_remote()
    {
        Directory.CreateDirectory(Path.Combine(_checkout, "Tiny"));
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(_checkout, file));
        File.WriteAllText(Path.Combine(_checkout, "Tiny", "Tiny.csproj"),
            """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        await Git("init", "-q");
        await Git("add", "-A");
        await Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "tiny");

        Assert.Equal(("", ""), await UrlsAsync());

        await Git("remote", "add", "origin", "https://github.com/example/flask-testing.git");
        Assert.Equal(("https://github.com/example/flask-testing.git", "https://github.com/example/flask-testing"), await UrlsAsync());
    }

    /// <summary>RepositoryUrl and PackageProjectUrl as the nuspec would get them.</summary>
    private async Task<(string Repository, string Project)> UrlsAsync()
    {
        var run = await Shell.RunAsync(_checkout, "dotnet",
            ["msbuild", "Tiny", "-t:FlaskDefaultPackageProjectUrl", "-getProperty:RepositoryUrl", "-getProperty:PackageProjectUrl", "-nodeReuse:false"]);
        Assert.True(run.ExitCode == 0, run.Output);
        // The JSON msbuild prints (anything on standard error comes after it).
        using JsonDocument json = JsonDocument.Parse(run.Output[run.Output.IndexOf('{')..(run.Output.IndexOf("\n}", System.StringComparison.Ordinal) + 2)]);
        JsonElement properties = json.RootElement.GetProperty("Properties");
        return (properties.GetProperty("RepositoryUrl").GetString()!, properties.GetProperty("PackageProjectUrl").GetString()!);
    }

    private async Task Git(params IEnumerable<string> arguments)
    {
        var run = await Shell.RunAsync(_checkout, "git", arguments);
        Assert.True(run.ExitCode == 0, run.Output);
    }
}
