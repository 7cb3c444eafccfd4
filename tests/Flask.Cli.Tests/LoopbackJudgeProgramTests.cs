using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// The loopback judge as the program the benchmarks and docs/performance.md run beside the tool: it says how to use it,
/// and a SIGTERM stops it as the end of its input does (the count printed, exit code 0).
/// </summary>
public sealed class LoopbackJudgeProgramTests
{
    private static string Dll { get; } = Path.Combine(RepoPaths.Root, "tests", "Flask.Testing.LoopbackJudge", "bin",
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "Flask.Testing.LoopbackJudge.dll");

    [Fact]
    public async Task Help_says_how_to_run_and_stop_it()
    {
        var (exitCode, output, errors) = await ChildProcess.RunAsync(ChildProcess.Describe("dotnet", [Dll, "--help"]), TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("Usage: Flask.Testing.LoopbackJudge [--latency-ms N] [--score N]", output);
        Assert.Contains("SIGTERM", output);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_unknown_option_is_one_line_and_exit_code_2()
    {
        var (exitCode, output, errors) = await ChildProcess.RunAsync(ChildProcess.Describe("dotnet", [Dll, "--score", "9"]), TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal("Flask.Testing.LoopbackJudge: '--score' is not an option, or its value is missing or invalid. Options: --latency-ms N (0 or more), --score N (1 to 5), --help.", errors.Trim());
    }

    [Fact]
    public async Task SIGTERM_stops_it_cleanly_while_its_input_is_still_open()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal");
        using Process judge = Process.Start(ChildProcess.Describe("dotnet", [Dll, "--score", "4"]))!;
        try
        {
            // Serving: the first line is its base URL. Its standard input stays open, so only the signal can stop it.
            string? url = await judge.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
            Assert.StartsWith("http://127.0.0.1:", url);
            Task<string> errors = judge.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

            Assert.Equal(0, Kill(judge.Id, Sigterm));
            // Bounded only so that a judge that ignores the signal fails this test instead of hanging the run.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bounded.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await judge.WaitForExitAsync(bounded.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail("The loopback judge did not stop within 2 minutes of SIGTERM.");
            }

            Assert.Equal(0, judge.ExitCode);
            Assert.Contains("Served 0 requests", await errors);
        }
        finally
        {
            if (!judge.HasExited)
                judge.Kill();
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
