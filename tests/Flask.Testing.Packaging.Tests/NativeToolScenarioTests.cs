using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// The tool as `dotnet tool install` gives it on linux-x64, the Native AOT executable, used as a user would against
/// the loopback judge (real HTTP), and held to the framework-dependent tool of the same feed: the same scenario must
/// write the same results, cache entries, reports and run history.
/// </summary>
public sealed class NativeToolScenarioTests(PackedFeed feed) : IDisposable
{
    private const string ToneCriteria = "Does the response sound friendly and plain?";

    private readonly TempDirectory _work = new("flask-native-tool");

    public void Dispose() => _work.Dispose();

    /// <summary>How to start one build of the tool: a file and the arguments before the command's own.</summary>
    private sealed record Tool(string Name, string File, string[] Prefix);

    [Fact]
    public async Task The_tool_installed_on_linux_x64_is_the_native_executable()
    {
        NativeToolPackageTests.SkipUnlessLinuxX64();
        string toolPath = Path.Combine(_work, "tools");

        Tool native = await InstallAsync(toolPath);

        FileSystemInfo command = new FileInfo(native.File);
        string target = command.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command.FullName;
        Assert.EndsWith(Path.Combine("flask.testing.cli.linux-x64", feed.Version.ToLowerInvariant(), "tools", "any", "linux-x64", "dotnet-flask"), target);
        byte[] head = new byte[4];
        using (FileStream stream = File.OpenRead(target))
            stream.ReadExactly(head);
        Assert.Equal(NativeToolPackageTests.ElfMagic, head);
        // Not an app host in front of `dotnet dotnet-flask.dll`: there is no managed tool anywhere in what was installed.
        Assert.Empty(Directory.EnumerateFiles(toolPath, "dotnet-flask.dll", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }));

        var version = await RunAsync(native, _work, ["--version"]);
        Assert.True(version.ExitCode == 0, version.Output + version.Errors);
        Assert.StartsWith(feed.Version, version.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_Alpine_x64_the_tool_installs_as_the_framework_dependent_any_package_not_the_glibc_executable()
    {
        NativeToolPackageTests.SkipUnlessLinuxX64();
        string toolPath = Path.Combine(_work, "alpine-tools");
        Directory.CreateDirectory(_work);

        // The RID `dotnet tool install` chooses a package for is the runtime's: DOTNET_RUNTIME_ID makes it Alpine's,
        // which the RID graph makes a linux-x64 machine too (and musl cannot start the glibc executable).
        var install = await Shell.RunAsync(_work, "dotnet",
            ["tool", "install", "Flask.Testing.Cli", "--version", feed.Version, "--tool-path", toolPath, "--add-source", feed.Directory],
            new Dictionary<string, string?> { ["DOTNET_RUNTIME_ID"] = "linux-musl-x64" });

        Assert.True(install.ExitCode == 0, install.Output);
        string installed = Path.Combine(toolPath, ".store", "flask.testing.cli", feed.Version.ToLowerInvariant());
        Assert.Equal(["flask.testing.cli.any"], Directory.EnumerateDirectories(installed).Select(Path.GetFileName).Where(n => n!.StartsWith("flask.testing.cli.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_a_glibc_older_than_the_executables_the_framework_dependent_package_installs_by_its_own_name_as_the_docs_say()
    {
        string toolPath = Path.Combine(_work, "any-tools");
        Directory.CreateDirectory(_work);
        Assert.Contains("dotnet tool install -g Flask.Testing.Cli.any --add-source", File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));

        var install = await Shell.RunAsync(_work, "dotnet",
            ["tool", "install", "Flask.Testing.Cli.any", "--version", feed.Version, "--tool-path", toolPath, "--add-source", feed.Directory]);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.NotEmpty(Directory.EnumerateFiles(toolPath, "dotnet-flask.dll", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }));
        var version = await RunAsync(new Tool("any", Path.Combine(toolPath, "dotnet-flask"), []), _work, ["--version"]);
        Assert.True(version.ExitCode == 0, version.Output + version.Errors);
        Assert.StartsWith(feed.Version, version.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_native_tool_runs_bench_replay_report_gate_history_and_custom_rubrics_with_the_same_files_as_the_framework_dependent_tool()
    {
        NativeToolPackageTests.SkipUnlessLinuxX64();
        Tool native = await InstallAsync(Path.Combine(_work, "tools"));
        Tool managed = ExtractFrameworkDependent();
        WriteData();
        await using var judge = await LoopbackJudge.StartAsync(ScoreFromResponse);

        var nativeFiles = await RunScenarioAsync(native, judge);
        var managedFiles = await RunScenarioAsync(managed, judge);

        Assert.Equal(nativeFiles.Keys, managedFiles.Keys);
        foreach (string file in nativeFiles.Keys)
            Assert.True(nativeFiles[file] == managedFiles[file], $"{file} differs between the native and the framework-dependent tool:\n--- native\n{nativeFiles[file]}\n--- framework-dependent\n{managedFiles[file]}");
    }

    [Fact]
    public async Task The_native_tool_reports_a_bad_option_in_one_line_with_exit_code_2_and_a_dead_judge_with_exit_code_3()
    {
        NativeToolPackageTests.SkipUnlessLinuxX64();
        Tool native = await InstallAsync(Path.Combine(_work, "tools"));
        WriteData();

        var badOption = await RunAsync(native, _work, ["bench", "--dataset", "set.jsonl", "--responses", "answers.jsonl", "--out", "out.jsonl", "--concurrency", "0"]);

        Assert.Equal(2, badOption.ExitCode);
        string line = Assert.Single((badOption.Output + badOption.Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("dotnet flask: ", line, StringComparison.Ordinal);
        Assert.Contains("--concurrency", line);

        var deadJudge = await RunAsync(native, _work,
            ["bench", "--dataset", "set.jsonl", "--responses", "answers.jsonl", "--out", "dead.jsonl", "--concurrency", "1",
                "--judge-endpoint", $"http://127.0.0.1:{LoopbackJudge.DeadPort()}/v1", "--judge-model", "nobody", "--cache", "off"],
            new Dictionary<string, string?> { ["FLASK_JUDGE_MAX_RETRIES"] = "0", ["FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES"] = "3" });

        Assert.Equal(3, deadJudge.ExitCode);
        Assert.Contains("dotnet flask: stopped early, the judge cannot be asked: ", deadJudge.Errors);
        Assert.DoesNotContain("   at ", deadJudge.Output + deadJudge.Errors);
    }

    /// <summary>
    /// One scenario in a folder of its own (named after the tool, so every path the tool writes is the same relative
    /// path): a live bench with the cache, a replay of it, reports, two gates, the run history and a custom rubric.
    /// Returns the files to compare, with the fields that are legitimately per run normalized.
    /// </summary>
    private async Task<SortedDictionary<string, string>> RunScenarioAsync(Tool tool, LoopbackJudge judge)
    {
        string directory = Path.Combine(_work, tool.Name);
        Directory.CreateDirectory(directory);
        string[] judgeOptions = ["--judge-endpoint", judge.BaseUrl.ToString(), "--judge-model", "loopback-judge", "--cache-dir", "cache"];
        // One call at a time, so that every file lists its results in the data set's order for both tools.
        string[] bench = ["bench", "--dataset", "../set.jsonl", "--responses", "../answers.jsonl", "--concurrency", "1", .. judgeOptions];

        int before = judge.RequestCount;
        await Expect(0, tool, directory, [.. bench, "--out", "live.jsonl"]);
        Assert.Equal(6, judge.RequestCount - before);

        before = judge.RequestCount;
        await Expect(0, tool, directory, [.. bench, "--out", "replay.jsonl", "--cache", "replay"]);
        Assert.Equal(0, judge.RequestCount - before);
        Assert.All(File.ReadAllLines(Path.Combine(directory, "replay.jsonl")), line => Assert.Contains("\"cacheHit\":true", line));

        await Expect(0, tool, directory, ["report", "live.jsonl", "--format", "json", "--out", "report.json"]);
        await Expect(0, tool, directory, ["report", "live.jsonl", "--format", "html", "--out", "report.html"]);
        string html = File.ReadAllText(Path.Combine(directory, "report.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("Conciseness", html);

        var passed = await Expect(0, tool, directory, ["gate", "--baseline", "live.jsonl", "--current", "replay.jsonl"]);
        Assert.Contains("FLASK regression gate passed: 2 skill(s) compared", passed.Output);

        judge.Script = LoopbackJudge.ScoreAll(1);
        try
        {
            await Expect(0, tool, directory, [.. bench, "--out", "worse.jsonl", "--cache", "off"]);
        }
        finally
        {
            judge.Script = ScoreFromResponse;
        }
        await Expect(1, tool, directory, ["gate", "--baseline", "live.jsonl", "--current", "worse.jsonl"]);

        var runs = await Expect(0, tool, directory, ["runs", "--format", "json"]);
        Assert.Equal(3, Regex.Matches(runs.Output, "\"recordedAt\"").Count);
        var compare = await Expect(0, tool, directory, ["compare", "1", "3", "--format", "json"]);

        before = judge.RequestCount;
        await Expect(0, tool, directory, ["bench", "--dataset", "../custom.jsonl", "--responses", "../answers.jsonl", "--out", "custom.jsonl",
            "--rubrics", "../rubrics", "--cache", "off", "--concurrency", "1", .. judgeOptions]);
        Assert.Equal(2, judge.RequestCount - before);
        Assert.All(judge.Calls.Skip(before), call => Assert.Contains(ToneCriteria, call.UserPrompt));
        Assert.Contains("\"id\":\"Tone\"", File.ReadAllText(Path.Combine(directory, "custom.jsonl")));

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { "live.jsonl", "replay.jsonl", "worse.jsonl", "custom.jsonl", "report.json" })
            files[name] = Normalize(File.ReadAllText(Path.Combine(directory, name)));
        files["runs (stdout)"] = Normalize(runs.Output);
        files["compare 1 3 (stdout)"] = Normalize(compare.Output);
        // The cache journal's name holds its creation time and a random id (answers-<UTC time>-<id>.jsonl): its lines are compared.
        string[] journals = Directory.GetFiles(Path.Combine(directory, "cache"), "*.jsonl");
        files["cache entries"] = string.Join('\n', journals.SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal));
        Assert.Equal(6, files["cache entries"].Split('\n').Length);
        return files;
    }

    /// <summary>
    /// The fields that are legitimately per run, set to a fixed value: <c>latencyMs</c> (the judge call's wall time, in
    /// results and the JSON report) and <c>recordedAt</c> (when the run history recorded a run).
    /// </summary>
    private static string Normalize(string text)
    {
        text = Regex.Replace(text, @"""latencyMs"":(\s*)-?[0-9.]+(?:[eE][-+]?[0-9]+)?", @"""latencyMs"":${1}0");
        return Regex.Replace(text, @"""recordedAt"":(\s*)""[^""]*""", @"""recordedAt"":${1}""-""");
    }

    /// <summary>Scores every requested skill by the "#N" the response ends with, the same for both tools.</summary>
    private static JudgeReply ScoreFromResponse(JudgeCall call) =>
        LoopbackJudge.ScoreAll(int.Parse(Regex.Match(call.Response(), @"#(\d)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))(call);

    private void WriteData()
    {
        string[] domains = ["Math", "Coding", "Humanities", "Social Science", "Culture", "Natural Science"];
        string[] levels = ["simple_lifestyle_knowledge", "advanced_lifestyle_knowledge", "formal_education_knowledge", "major_level_knowledge", "expert_level_knowledge"];
        File.WriteAllLines(Path.Combine(_work, "set.jsonl"), Enumerable.Range(1, 6).Select(i =>
            $$"""{"idx": {{i}}, "instruction": "Question {{i}}: what is {{i}} + {{i}}?", "answer": "{{2 * i}}", "skill": ["Factuality", "Conciseness"], "domain": ["{{domains[i - 1]}}"], "difficulty": "{{levels[i % 5]}}"}"""));
        File.WriteAllLines(Path.Combine(_work, "answers.jsonl"), Enumerable.Range(1, 6).Select(i =>
            $$"""{"question_id": {{i}}, "text": "It is {{2 * i}}. #{{4 + i % 2}}"}"""));
        File.WriteAllLines(Path.Combine(_work, "custom.jsonl"), Enumerable.Range(1, 2).Select(i =>
            $$"""{"idx": {{i}}, "instruction": "Question {{i}}: what is {{i}} + {{i}}?", "answer": "{{2 * i}}", "skill": ["Tone of Voice", "Factuality"]}"""));
        Directory.CreateDirectory(Path.Combine(_work, "rubrics"));
        File.WriteAllText(Path.Combine(_work, "rubrics", "tone.yaml"), $"""
            id: Tone
            name: Tone of Voice
            ability: User Alignment
            criteria: {ToneCriteria}
            scoring: {"{"} 1: Rude., 2: Cold., 3: Neutral., 4: Friendly., 5: Friendly and plain throughout. {"}"}
            """);
    }

    /// <summary>Installs the tool from the feed into <paramref name="toolPath"/>, as `dotnet tool install -g` does into ~/.dotnet/tools.</summary>
    private async Task<Tool> InstallAsync(string toolPath)
    {
        Directory.CreateDirectory(_work);
        var install = await Shell.RunAsync(_work, "dotnet",
            ["tool", "install", "Flask.Testing.Cli", "--version", feed.Version, "--tool-path", toolPath, "--add-source", feed.Directory]);
        Assert.True(install.ExitCode == 0, install.Output);
        return new Tool("native", Path.Combine(toolPath, "dotnet-flask"), []);
    }

    /// <summary>The framework-dependent tool of the same feed: the any package's dotnet-flask.dll, run with dotnet.</summary>
    private Tool ExtractFrameworkDependent()
    {
        string directory = Path.Combine(_work, "any-package");
        ZipFile.ExtractToDirectory(feed.Package("Flask.Testing.Cli.any"), directory);
        return new Tool("framework-dependent", "dotnet", [Path.Combine(directory, "tools", "net10.0", "any", "dotnet-flask.dll")]);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> Expect(int exitCode, Tool tool, string directory, string[] arguments)
    {
        var run = await RunAsync(tool, directory, arguments);
        Assert.True(run.ExitCode == exitCode,
            $"{tool.Name}: dotnet flask {string.Join(' ', arguments)} exited with {run.ExitCode}, not {exitCode}:\n{run.Output}\n{run.Errors}");
        return run;
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(Tool tool, string directory, string[] arguments,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.RunAsync(ChildProcess.Describe(tool.File, [.. tool.Prefix, .. arguments], environment, directory), TestContext.Current.CancellationToken);
}
