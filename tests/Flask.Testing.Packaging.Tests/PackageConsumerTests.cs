using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// Packs Flask.Testing, Flask.Testing.Xunit and the flask tool into a folder feed, then does what a new user does: a
/// fresh test project outside the solution, the packages from that feed only, a YAML rubric of its own and
/// [FlaskSkill] tests, run with dotnet test against the loopback judge; then the tool from the same feed.
/// </summary>
public sealed class PackageConsumerTests(PackedFeed feed) : IDisposable
{
    private readonly TempDirectory _work = new("flask-packaging");
    private readonly string _version = feed.Version;

    public void Dispose() => _work.Dispose();

    private string Feed => feed.Directory;

    private string Consumer => Path.Combine(_work, "Consumer");

    [Fact]
    public async Task A_fresh_project_installs_the_packages_and_its_FLASK_tests_pass_and_fail_as_judged()
    {
        CreateConsumer();
        await using var judge = await LoopbackJudge.StartAsync(call =>
            LoopbackJudge.ScoreAll(int.Parse(Regex.Match(call.Response(), @"#(\d)").Groups[1].Value))(call));
        var environment = new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "loopback-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
        };

        var test = await Shell.RunAsync(Consumer, "dotnet", ["test"], environment);

        Assert.Contains("total: 2", test.Output);
        Assert.Contains("failed: 1", test.Output);
        Assert.Contains("succeeded: 1", test.Output);
        Assert.Contains("Tone of Voice     2 / min 4  FAIL", test.Output);
        Assert.Equal(2, judge.RequestCount);
        Assert.Contains(judge.Calls, c => c.SkillNames() is ["Tone of Voice", "Factuality"]); // its own rubric and a default FLASK one
        // The run history is recorded: SQLite's natives came with Flask.Testing.Xunit (the core package has none).
        string history = Path.Combine(Consumer, "TestResults", "flask", "history.db");
        Assert.True(File.Exists(history), $"no run history at {history}:\n{test.Output}");
        Assert.Contains("Recorded as run 1 in", File.ReadAllText(Path.Combine(Consumer, "TestResults", "flask", "summary.md")));

        // The build put the rubric JSON Schema where docs/rubrics.md says, so the rubric's $schema comment resolves.
        string rubric = Path.Combine(Consumer, "rubrics", "tone.yaml");
        string schemaComment = File.ReadLines(rubric).First();
        string schema = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(rubric)!, schemaComment.Split("$schema=")[1]));
        Assert.True(File.Exists(schema), $"{schemaComment} in rubrics/tone.yaml does not resolve: no {schema}");
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "schema", "flask-rubric.schema.json")), File.ReadAllText(schema));

        // A broken rubric stops the build at its line.
        File.WriteAllText(Path.Combine(Consumer, "rubrics", "broken.yaml"), "id: Broken\nname: [unclosed\n");
        var broken = await Shell.RunAsync(Consumer, "dotnet", ["build"]);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Matches(@"rubrics/broken\.yaml\(3,1\): error FLASK001", broken.Output);
        File.Delete(Path.Combine(Consumer, "rubrics", "broken.yaml"));

        // A misspelt skill id is a compile error at the attribute.
        File.WriteAllText(Path.Combine(Consumer, "Misspelt.cs"), """
            namespace Consumer;
            public sealed class Misspelt
            {
                [Xunit.Fact, Flask.Testing.Xunit.FlaskSkill("Tnoe")]
                public void M() { }
            }
            """);
        var misspelt = await Shell.RunAsync(Consumer, "dotnet", ["build"]);
        Assert.NotEqual(0, misspelt.ExitCode);
        Assert.Contains("Misspelt.cs(4,49): error FLASK100: No rubric in this compilation defines skill 'Tnoe'; did you mean 'Tone'?", misspelt.Output);
    }

    [Fact]
    public async Task A_project_with_the_core_package_alone_gets_no_SQLite_natives_and_a_run_store_names_the_package_to_add()
    {
        string app = Path.Combine(_work, "CoreOnly");
        feed.WriteNuGetConfig(app);
        string project = Path.Combine(app, "CoreOnly.csproj");
        string references = $"""<PackageReference Include="Flask.Testing" Version="{_version}" />""";
        string Csproj() => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>{references}</ItemGroup>
            </Project>
            """;
        File.WriteAllText(project, Csproj());
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            try
            {
                using var store = Flask.Testing.RunStore.Open("history.db");
                System.Console.WriteLine($"opened schema {store.SchemaVersion}");
                return 0;
            }
            catch (System.InvalidOperationException e)
            {
                System.Console.WriteLine(e.Message);
                return 3;
            }
            """);

        var alone = await Shell.RunAsync(app, "dotnet", ["run"]);

        Assert.True(alone.ExitCode == 3, alone.Output);
        Assert.Contains("Add the package SQLitePCLRaw.bundle_e_sqlite3 to your project", alone.Output);
        Assert.DoesNotContain("SetProvider", alone.Output);
        Assert.False(File.Exists(Path.Combine(app, "history.db")));
        Assert.Empty(Directory.GetFiles(Path.Combine(app, "bin"), "*e_sqlite3*", SearchOption.AllDirectories));

        // What the message says to do is enough.
        string bundle = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Packages.props")),
            @"Include=""SQLitePCLRaw.bundle_e_sqlite3"" Version=""([^""]+)""").Groups[1].Value;
        references += $"""<PackageReference Include="SQLitePCLRaw.bundle_e_sqlite3" Version="{bundle}" />""";
        File.WriteAllText(project, Csproj());
        var bundled = await Shell.RunAsync(app, "dotnet", ["run"]);

        Assert.True(bundled.ExitCode == 0, bundled.Output);
        Assert.Contains("opened schema", bundled.Output);
        Assert.True(File.Exists(Path.Combine(app, "history.db")));
    }

    [Fact]
    public async Task A_project_on_xunit_v3_3_x_does_not_build_and_is_told_the_version_to_use()
    {
        CreateConsumer();
        string project = Path.Combine(Consumer, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("""Include="xunit.v3" Version="4.0.2" """, """Include="xunit.v3" Version="3.2.2" """, StringComparison.Ordinal));

        var build = await Shell.RunAsync(Consumer, "dotnet", ["build", "-p:TreatWarningsAsErrors=false"]); // NuGet's NU1608 warnings aside

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error : Flask.Testing.Xunit needs xunit.v3 4.0.2 or later, and Consumer.csproj has xunit.v3 3.2.2: 3.x has no IParallelizationAttribute", build.Output);
    }

    [Fact]
    public async Task The_tool_installs_from_the_feed_through_a_tool_manifest_and_runs_as_dotnet_flask()
    {
        Directory.CreateDirectory(_work);
        Assert.Equal(0, (await Shell.RunAsync(_work, "dotnet", ["new", "tool-manifest"])).ExitCode);
        var install = await Shell.RunAsync(_work, "dotnet", ["tool", "install", "Flask.Testing.Cli", "--version", _version, "--add-source", Feed]);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("dotnet-flask", install.Output); // the command name: dotnet-flask, run as `dotnet flask`

        var help = await Shell.RunAsync(_work, "dotnet", ["flask", "--help"]);
        Assert.True(help.ExitCode == 0, help.Output);
        foreach (string command in new[] { "bench", "report", "gate", "annotate", "calibrate" })
            Assert.Contains(command, help.Output);

        File.WriteAllLines(Path.Combine(_work, "set.jsonl"),
        [
            """{"idx": 1, "instruction": "What is 2 + 2?", "answer": "4", "skill": ["Logical Correctness", "Conciseness"]}""",
            """{"idx": 2, "instruction": "Name a colour.", "answer": "Red", "skill": ["Factuality"]}""",
        ]);
        File.WriteAllLines(Path.Combine(_work, "answers.jsonl"), ["""{"question_id": 1, "text": "4"}""", """{"question_id": 2, "text": "Blue"}"""]);
        var dryRun = await Shell.RunAsync(_work, "dotnet", ["flask", "bench", "--dataset", "set.jsonl", "--responses", "answers.jsonl", "--out", "out.jsonl", "--dry-run"]);
        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Contains("Dry run: 2 judge calls", dryRun.Output);
    }

    /// <summary>The first-line <c>$schema</c> comment docs/rubrics.md tells a project set up by hand to write.</summary>
    private static string ConsumerSchemaComment()
    {
        var match = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "rubrics.md")),
            @"# yaml-language-server: \$schema=\.\./obj/\S+?\.json");
        Assert.True(match.Success, "docs/rubrics.md names no $schema under ../obj/ for a project set up by hand");
        return match.Value;
    }

    private void CreateConsumer()
    {
        Directory.CreateDirectory(Path.Combine(Consumer, "rubrics"));
        File.WriteAllText(Path.Combine(Consumer, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        feed.WriteNuGetConfig(Consumer);
        File.WriteAllText(Path.Combine(Consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="4.0.2" />
                <PackageReference Include="Flask.Testing" Version="{_version}" />
                <PackageReference Include="Flask.Testing.Xunit" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Consumer, "rubrics", "tone.yaml"), ConsumerSchemaComment() + "\n" + """
            id: Tone
            name: Tone of Voice
            ability: Brand
            criteria: Does the response sound friendly and plain?
            scoring:
              1: Rude.
              2: Cold.
              3: Neutral.
              4: Friendly.
              5: Friendly and plain throughout.
            """);
        File.WriteAllText(Path.Combine(Consumer, "ToneTests.cs"), """
            using System.Threading.Tasks;
            using Flask.Testing.Xunit;
            using Xunit;

            namespace Consumer;

            public sealed class ToneTests
            {
                [Fact]
                [FlaskSkill(FlaskSkillIds.Tone, MinScore = 4)]
                [FlaskSkill("Factuality", MinScore = 4)]
                public Task Friendly_answer() => FlaskAssert.ScoresAsync("Where is my parcel?", "It arrives tomorrow, have a lovely day! #5");

                [Fact]
                [FlaskSkill(FlaskSkillIds.Tone, MinScore = 4)]
                public Task Curt_answer() => FlaskAssert.ScoresAsync("Where is my parcel?", "Check the website. #2");
            }
            """);
    }
}
