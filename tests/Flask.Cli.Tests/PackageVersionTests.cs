using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// The version the packages get (Directory.Build.props): 1.0.0 by default, <c>dotnet pack --version-suffix</c> makes a
/// pre-release of it, and <c>-p:Version=</c> wins over both. Read by evaluating the project (no build, no pack).
/// </summary>
public sealed class PackageVersionTests
{
    [Theory]
    [InlineData("src/Flask.Cli", new string[0], "1.0.0")]
    [InlineData("src/Flask.Cli", new[] { "-p:VersionSuffix=beta1" }, "1.0.0-beta1")]
    [InlineData("src/Flask.Testing", new[] { "-p:VersionSuffix=beta1" }, "1.0.0-beta1")]
    [InlineData("src/Flask.Cli", new[] { "-p:Version=2.3.4" }, "2.3.4")]
    [InlineData("src/Flask.Cli", new[] { "-p:Version=2.3.4", "-p:VersionSuffix=beta1" }, "2.3.4")]
    public async Task Is_1_0_0_with_the_version_suffix_and_yields_to_an_explicit_version(string project, string[] options, string expected)
    {
        // Found by review: Version was set to 1.0.0 when empty, so --version-suffix was silently ignored.
        var run = await ChildProcess.RunAsync(ChildProcess.Describe("dotnet",
            ["msbuild", project, "-getProperty:PackageVersion", "-getProperty:Version", "-nodeReuse:false", .. options], workingDirectory: RepoPaths.Root),
            TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement properties = json.RootElement.GetProperty("Properties");
        Assert.Equal(expected, properties.GetProperty("PackageVersion").GetString());
        Assert.Equal(expected, properties.GetProperty("Version").GetString());
    }
}
