using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>Headless Chromium (Debian's package, installed by .ci/run) to render the HTML reports as a user would.</summary>
internal static class Chromium
{
    private static readonly string Program = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists) ?? string.Empty;

    public static void SkipWhenMissing() => Assert.SkipWhen(Program.Length == 0, "Chromium is not installed (.ci/run installs Debian's chromium).");

    /// <summary>The page's DOM after its scripts ran, and Chromium's log (console messages, CSP violations included).</summary>
    public static async Task<(string Dom, string Log)> DumpDomAsync(string page, string work, string fragment = "")
    {
        var (exitCode, dom, log) = await RunAsync(work, ["--virtual-time-budget=2000", "--dump-dom", new Uri(page).AbsoluteUri + fragment]);
        Assert.True(exitCode == 0, $"chromium exited with {exitCode}: {log}");
        return (dom, log);
    }

    /// <summary>
    /// A screenshot of the page (a window 1280 wide and <paramref name="height"/> high) saved under TestResults/html-report/ beside the test binaries and
    /// attached to the test, so that a reviewer can look at the page type; returns its path.
    /// </summary>
    public static async Task<string> ScreenshotAsync(string page, string work, string name, int height = 2000)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "html-report");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".png");
        File.Delete(path);
        var (exitCode, _, log) = await RunAsync(work, [$"--window-size=1280,{height}", "--hide-scrollbars", "--virtual-time-budget=2000", $"--screenshot={path}", new Uri(page).AbsoluteUri]);
        Assert.True(exitCode == 0 && File.Exists(path), $"chromium made no screenshot (exit code {exitCode}): {log}");
        byte[] png = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        TestContext.Current.AddAttachment(name + ".png", png, "image/png");
        return path;
    }

    /// <summary>Console lines (any level: a CSP violation is logged as a console message) and uncaught errors.</summary>
    public static string[] ConsoleMessages(string log) =>
        [.. log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal))];

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(string work, string[] arguments) =>
        ChildProcess.RunAsync(ChildProcess.Describe(Program, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(work, "profile-" + Guid.NewGuid().ToString("N"))}",
            "--enable-logging=stderr", "--v=0", .. arguments]), TestContext.Current.CancellationToken);
}
