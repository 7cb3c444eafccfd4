using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// The project template as a new user meets it: installed from the folder feed into a template hive of its own (the
/// machine's template list is left alone), `dotnet new flask-tests`, then `dotnet test` against the loopback judge and
/// again in CI's replay mode without a judge.
/// </summary>
public sealed class ProjectTemplateTests(PackedFeed feed) : System.IDisposable
{
    private readonly TempDirectory _work = new("flask-template");

    public void Dispose() => _work.Dispose();

    private string Project => Path.Combine(_work, "src", "MyApp.FlaskTests");

    [Fact]
    public async Task Dotnet_new_flask_tests_gives_a_project_whose_FLASK_tests_run_against_a_judge_and_replay_in_CI()
    {
        await CreateFromTemplateAsync();

        foreach (string file in new[] { "MyApp.FlaskTests.csproj", "global.json", ".gitignore", "README.md", "AssistantTests.cs", "Assistant.cs", "rubrics/tone.yaml", "data/questions.yaml" })
            Assert.True(File.Exists(Path.Combine(Project, file)), $"{file} missing from the new project");
        Assert.Contains($"""<PackageReference Include="Flask.Testing" Version="{feed.Version}" />""", File.ReadAllText(Path.Combine(Project, "MyApp.FlaskTests.csproj")));
        Assert.Contains("Microsoft.Testing.Platform", File.ReadAllText(Path.Combine(Project, "global.json")));
        AssertSchemaResolves(Path.Combine(Project, "rubrics", "tone.yaml"));

        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));
        var live = await Shell.RunAsync(Project, "dotnet", ["test"], new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "loopback-judge",
        });
        Assert.True(live.ExitCode == 0, live.Output);
        Assert.Contains("total: 3", live.Output);      // the [FlaskSkill] fact and the theory's two cases
        Assert.Contains("succeeded: 3", live.Output);
        Assert.Equal(3, judge.RequestCount);
        Assert.Contains(judge.Calls, c => c.SkillNames() is ["Tone of Voice", "Factuality"]);     // the template's rubric and a FLASK one
        Assert.Contains(judge.Calls, c => c.SkillNames().SequenceEqual(["Tone of Voice", "Factuality", "Conciseness"])); // the test's skill, then the case's
        string[] recorded = Directory.GetFiles(Path.Combine(Project, "flask-cache"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(recorded);

        // The recorded answers are what CI replays: the .gitignore keeps them in git, even under a parent that ignores caches.
        File.WriteAllText(Path.Combine(_work, ".gitignore"), "flask-cache/\n");
        Assert.Equal(0, (await Shell.RunAsync(_work, "git", ["init", "-q"])).ExitCode);
        Assert.Equal(1, (await Shell.RunAsync(Project, "git", ["check-ignore", "-q", Path.GetRelativePath(Project, recorded[0])])).ExitCode);
        Assert.Equal(0, (await Shell.RunAsync(Project, "git", ["check-ignore", "-q", "bin/Debug"])).ExitCode);

        var replay = await Shell.RunAsync(Project, "dotnet", ["test"], new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_CACHE"] = "replay",
            ["FLASK_JUDGE_MODEL"] = "loopback-judge",
        });
        Assert.True(replay.ExitCode == 0, replay.Output);
        Assert.Contains("succeeded: 3", replay.Output);
        Assert.Equal(3, judge.RequestCount); // nothing asked of a judge

        // CI as docs/ci.md and the template's README lay it out: from the repository root, the project's global.json
        // moved to the root, the project named with --project, a JUnit report.
        File.Move(Path.Combine(Project, "global.json"), Path.Combine(_work, "global.json"));
        var fromRoot = await Shell.RunAsync(_work, "dotnet", ["test", "--project", Path.GetRelativePath(_work, Project), "--report-xunit-junit", "--results-directory", "TestResults"],
            new Dictionary<string, string?>
            {
                ["FLASK_JUDGE_CACHE"] = "replay",
                ["FLASK_JUDGE_MODEL"] = "loopback-judge",
            });
        Assert.True(fromRoot.ExitCode == 0, fromRoot.Output);
        Assert.Contains("succeeded: 3", fromRoot.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(_work, "TestResults"), "*.junit.xml", SearchOption.AllDirectories));
        Assert.Equal(3, judge.RequestCount);
    }

    /// <summary>Installs the template from the feed into a hive of its own and creates MyApp.FlaskTests with it.</summary>
    private async Task CreateFromTemplateAsync()
    {
        feed.WriteNuGetConfig(_work);
        var hive = new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = Path.Combine(_work, "cli-home") };

        var install = await Shell.RunAsync(_work, "dotnet", ["new", "install", $"Flask.Testing.Templates::{feed.Version}", "--add-source", feed.Directory], hive);
        Assert.True(install.ExitCode == 0, install.Output);
        var create = await Shell.RunAsync(_work, "dotnet", ["new", "flask-tests", "-n", "MyApp.FlaskTests", "-o", Project], hive);
        Assert.True(create.ExitCode == 0, create.Output);
    }

    /// <summary>The rubric's yaml-language-server $schema comment names a file that exists, relative to the rubric.</summary>
    internal static void AssertSchemaResolves(string rubric)
    {
        Match schema = Regex.Match(File.ReadAllText(rubric), @"^# yaml-language-server: \$schema=(\S+)$", RegexOptions.Multiline);
        Assert.True(schema.Success, $"{rubric} has no $schema comment");
        string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(rubric)!, schema.Groups[1].Value));
        Assert.True(File.Exists(target), $"{rubric}: $schema {schema.Groups[1].Value} does not resolve ({target})");
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "schema", "flask-rubric.schema.json")), File.ReadAllText(target));
    }
}
