using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>Runs the built dotnet-flask CLI as a process, with no FLASK_* variables but those a test gives.</summary>
internal static class Cli
{
    public static string Dll { get; } = Path.Combine(RepoPaths.Root, "src", "Flask.Cli", "bin",
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "dotnet-flask.dll");

    public static ProcessStartInfo Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.Describe("dotnet", [Dll, .. arguments], environment);

    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Assert.True(File.Exists(Dll), $"The CLI is not built: {Dll}");
        return ChildProcess.RunAsync(Start(arguments, environment), TestContext.Current.CancellationToken);
    }

    /// <summary>A slice of FLASK's evaluation set (the first <paramref name="count"/> instances), written to <paramref name="work"/>.</summary>
    public static string Slice(string work, int count)
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        Directory.CreateDirectory(work);
        string path = Path.Combine(work, "slice.jsonl");
        File.WriteAllLines(path, File.ReadLines(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl")).Take(count));
        return path;
    }

    public static string Responses(string model) => Path.Combine(RepoPaths.SharedFlaskOrSkip(), "model_outputs", $"{model}.jsonl");

    public static string[] Judge(LoopbackJudge judge, string cache) =>
        ["--judge-endpoint", judge.BaseUrl.ToString(), "--judge-model", "loopback-judge", "--cache-dir", cache];
}
