using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing.TestKit;

/// <summary>Runs a program the way a user would, with a clean FLASK environment, and collects what it printed.</summary>
public static class ChildProcess
{
    /// <summary>
    /// A start description for <paramref name="file"/>: output redirected, and no inherited FLASK_* (nor CI-detection or CI-output)
    /// variables, so that only <paramref name="environment"/> configures the child.
    /// </summary>
    public static ProcessStartInfo Describe(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("FLASK_", StringComparison.Ordinal) || CiVariables.Contains(k)).ToArray())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[key] = value;
        return start;
    }

    // CI detection and the CI's own files: a test run inside CI must not annotate the build or write its job summary.
    private static readonly string[] CiVariables =
        ["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "TF_BUILD", "BUILD_SOURCESDIRECTORY", "AGENT_TEMPDIRECTORY"];

    /// <summary>Runs <paramref name="start"/> to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await errors);
    }
}
