using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>Runs a command as a process and returns its exit code and everything it printed.</summary>
internal static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (string key in new List<string>(start.Environment.Keys))
        {
            if (key.StartsWith("FLASK_", System.StringComparison.Ordinal) || key.StartsWith("MSBUILD", System.StringComparison.Ordinal) || key is "DOTNET_HOST_PATH")
                start.Environment.Remove(key); // the consumer must not inherit this test run's build or judge
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
