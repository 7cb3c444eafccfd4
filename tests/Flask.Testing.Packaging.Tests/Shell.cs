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
        var (exitCode, output, errors) = await ChildProcess.RunAsync(start, TestContext.Current.CancellationToken);
        return (exitCode, output + errors);
    }
}
