using System;
using System.IO;

namespace Flask.Testing;

/// <summary>
/// Shows a Markdown summary on the CI job's page: appended to the file GitHub Actions names in GITHUB_STEP_SUMMARY, and,
/// on Azure DevOps (TF_BUILD set), written to a file that a <c>##vso[task.uploadsummary]</c> line attaches to the run.
/// Elsewhere it does nothing.
/// </summary>
public static class CiJobSummary
{
    /// <summary>The variable GitHub Actions sets to the job summary file of the current step.</summary>
    public const string GitHubVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>The variable Azure Pipelines sets on its agents.</summary>
    public const string AzureVariable = "TF_BUILD";

    /// <summary>
    /// Publishes <paramref name="markdown"/> to the job summary of the CI system the process runs in. A summary that
    /// cannot be written is reported on <paramref name="errors"/> (one line, the run's verdict is unaffected).
    /// </summary>
    /// <param name="markdown">The summary.</param>
    /// <param name="name">A short name for the Azure summary file and its tab, e.g. "FLASK gate".</param>
    /// <param name="output">Where the <c>##vso</c> command goes (the console the agent reads).</param>
    /// <param name="errors">Where a write failure is reported.</param>
    /// <returns>How many job summaries were written.</returns>
    public static int Publish(string markdown, string name, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        int written = 0;
        string text = markdown.TrimEnd() + "\n\n";
        if (Environment.GetEnvironmentVariable(GitHubVariable) is { Length: > 0 } summaryFile)
        {
            if (TryWrite(() => File.AppendAllText(summaryFile, text), summaryFile, errors))
                written++;
        }
        if (Environment.GetEnvironmentVariable(AzureVariable) is { Length: > 0 })
        {
            // The agent reads the file when it handles the command; its temp directory lives until the job ends.
            string directory = Environment.GetEnvironmentVariable("AGENT_TEMPDIRECTORY") is { Length: > 0 } temp ? temp : Path.GetTempPath();
            string file = Path.Combine(directory, $"{Slug(name)}-{Guid.NewGuid():N}.md");
            if (TryWrite(() => File.WriteAllText(file, text), file, errors))
            {
                output.WriteLine($"##vso[task.uploadsummary]{file}");
                written++;
            }
        }
        return written;
    }

    private static bool TryWrite(Action write, string path, TextWriter errors)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"FLASK: could not write the CI job summary {path}: {e.Message.Split('\n')[0]} (the results files hold the same summary).");
            return false;
        }
    }

    private static string Slug(string name)
    {
        char[] chars = [.. name.ToLowerInvariant()];
        for (int i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i]))
                chars[i] = '-';
        return new string(chars);
    }
}
