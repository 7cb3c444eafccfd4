using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>One run of the fixture test assembly as a process, with the FLASK environment a test gives it.</summary>
internal sealed record FixtureRun(int ExitCode, string Output, IReadOnlyDictionary<string, FixtureOutcome> Outcomes, string ResultsDirectory)
{
    /// <summary>The build configuration of this test run (Debug or Release), which the fixture assembly was built with.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string FixtureProject { get; } = Path.Combine(RepoPaths.Root, "tests", "Flask.Testing.Xunit.Fixtures", "Flask.Testing.Xunit.Fixtures.csproj");

    public static string FixtureAssembly { get; } = Path.Combine(RepoPaths.Root, "tests", "Flask.Testing.Xunit.Fixtures", "bin",
        Configuration, "net10.0", "Flask.Testing.Xunit.Fixtures.dll");

    public static string ConcurrencyFixtureProject { get; } = Path.Combine(RepoPaths.Root, "tests", "Flask.Testing.Xunit.ConcurrencyFixtures", "Flask.Testing.Xunit.ConcurrencyFixtures.csproj");

    /// <summary>The concurrency fixture assembly: large theories, facts over several classes and tests that opt out.</summary>
    public static string ConcurrencyFixtureAssembly { get; } = Path.Combine(RepoPaths.Root, "tests", "Flask.Testing.Xunit.ConcurrencyFixtures", "bin",
        Configuration, "net10.0", "Flask.Testing.Xunit.ConcurrencyFixtures.dll");

    /// <summary>The sample's test assembly (README's main job): its recorded judge answers are in its flask-cache/.</summary>
    public static string SampleAssembly { get; } = Path.Combine(RepoPaths.Root, "samples", "SupportBot.Tests", "bin",
        Configuration, "net10.0", "SupportBot.Tests.dll");

    /// <summary>The script the fixture tests' responses ask for: "#scores Skill=N …", "#garbage", or "#gate name" from <paramref name="gate"/>.</summary>
    public static Func<JudgeCall, JudgeReply> Script(IReadOnlyDictionary<string, int>? gate = null) => call =>
    {
        string response = call.Response();
        if (response.Contains("#garbage", StringComparison.Ordinal))
            return JudgeReply.Review("What a lovely answer.");
        if (Regex.Match(response, @"#gate (\w+)") is { Success: true } g)
            return JudgeReply.Scores([.. call.SkillNames().Select(n => (n, (object)gate![g.Groups[1].Value]))]);
        var given = Regex.Matches(response, @"(\w+)=([\w/]+)").ToDictionary(m => Key(m.Groups[1].Value), m => m.Groups[2].Value);
        return JudgeReply.Scores([.. call.SkillNames().Where(n => given.ContainsKey(Key(n)))
            .Select(n => (n, int.TryParse(given[Key(n)], out int score) ? (object)score : given[Key(n)]))]);
    };

    private static string Key(string name) => name.Replace("_", string.Empty).Replace(" ", string.Empty).ToLowerInvariant();

    public static Task<FixtureRun> RunAsync(string work, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunAssemblyAsync(FixtureAssembly, work, environment, arguments);

    public static async Task<FixtureRun> RunAssemblyAsync(string assembly, string work, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        Assert.True(File.Exists(assembly), $"The fixture assembly is not built: {assembly}");
        Directory.CreateDirectory(work);
        string xml = Path.Combine(work, $"run-{Guid.NewGuid():N}.xml");
        var variables = new Dictionary<string, string?>
        {
            ["FLASK_RESULTS_DIR"] = Path.Combine(work, "results"),
            ["FLASK_BASELINE"] = Path.Combine(work, "flask-baseline.json"),
        };
        foreach (var (key, value) in environment)
            variables[key] = value;
        var (exitCode, output, errors) = await ChildProcess.RunAsync(
            ChildProcess.Describe("dotnet", [assembly, .. arguments, "-xml", xml], variables, work), TestContext.Current.CancellationToken);
        string text = output + errors;

        var outcomes = new Dictionary<string, FixtureOutcome>();
        if (File.Exists(xml))
        {
            foreach (XElement test in XDocument.Load(xml).Descendants("test"))
            {
                string name = (string)test.Attribute("name")!;
                outcomes[name] = new FixtureOutcome(
                    (string)test.Attribute("result")!,
                    test.Element("failure")?.Element("message")?.Value ?? test.Element("reason")?.Value ?? string.Empty,
                    test.Element("output")?.Value ?? string.Empty,
                    [.. test.Descendants("trait").Select(t => $"{t.Attribute("name")!.Value}={t.Attribute("value")!.Value}")]);
            }
        }
        return new FixtureRun(exitCode, text, outcomes, Path.Combine(work, "results"));
    }
}

/// <summary>The fixture project run by <c>dotnet test</c> (Microsoft.Testing.Platform), as CI runs a user's tests.</summary>
internal static class FixtureDotnetTest
{
    public static Task<(int ExitCode, string Output)> RunAsync(string work, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunProjectAsync(FixtureRun.FixtureProject, work, environment, arguments);

    /// <summary>Runs <paramref name="project"/> (a fixture project, built) with <c>dotnet test</c>.</summary>
    public static async Task<(int ExitCode, string Output)> RunProjectAsync(string project, string work, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>
        {
            ["FLASK_RESULTS_DIR"] = Path.Combine(work, "results"),
            ["FLASK_BASELINE"] = Path.Combine(work, "flask-baseline.json"),
        };
        foreach (var (key, value) in environment)
            variables[key] = value;
        var (exitCode, output, errors) = await ChildProcess.RunAsync(ChildProcess.Describe("dotnet",
            ["test", "--project", project, "--no-build", "-c", FixtureRun.Configuration, "-p:FlaskFixtureRun=true",
             "--results-directory", Path.Combine(work, "mtp"), .. arguments], variables, RepoPaths.Root), TestContext.Current.CancellationToken);
        return (exitCode, output + errors);
    }
}

/// <summary>How one fixture test ended: Pass, Fail or Skip, its message, its output and its traits.</summary>
internal sealed record FixtureOutcome(string Result, string Message, string Output, IReadOnlyList<string> Traits);
