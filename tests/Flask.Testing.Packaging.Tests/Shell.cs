using System.Collections.Generic;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>Runs a command as a process and returns its exit code and everything it printed.</summary>
internal static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = ChildProcess.Describe(file, arguments, environment, workingDirectory);
        foreach (string key in new List<string>(start.Environment.Keys))
        {
            if (key.StartsWith("MSBUILD", System.StringComparison.Ordinal) || key is "DOTNET_HOST_PATH")
                start.Environment.Remove(key); // the consumer must not inherit this test run's build
        }
        // Nor a machine-wide UseSharedCompilation=false: a user's build compiles through the SDK's default compiler server,
        // and without it every build of these tests (the feed's pack, each consumer) started the compiler afresh, several
        // seconds of CPU each (docs/performance.md). PackedFeed shuts the server down at the end.
        start.Environment.Remove("UseSharedCompilation");
        var (exitCode, output, errors) = await ChildProcess.RunAsync(start, TestContext.Current.CancellationToken);
        return (exitCode, output + errors);
    }
}
