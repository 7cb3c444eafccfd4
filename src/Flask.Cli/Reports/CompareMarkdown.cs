using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Testing;
using Flask.Testing.Analysis;

namespace Flask.Cli.Reports;

/// <summary><c>dotnet flask compare</c> as Markdown: for the console and pull-request summaries.</summary>
internal static class CompareMarkdown
{
    public static string Render(RunComparison c, string before, string after, IReadOnlyList<string>? incomplete = null)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# FLASK compare: {MarkdownReport.Escape(after)} against {MarkdownReport.Escape(before)}\n\n");
        foreach (string note in incomplete ?? [])
            md.Append("**Incomplete:** ").Append(MarkdownReport.Escape(note)).Append(".\n\n");
        md.Append("| Skill | Pairs | Before | After | Change | ").Append(CultureInfo.InvariantCulture, $"{c.Gate.Options.Confidence * 100:0.##} % CI").Append(" | Tests worse | Gate |\n|---|---:|---:|---:|---:|---|---:|---|\n");
        foreach (SkillComparison s in c.Gate.Skills)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {MarkdownReport.Escape(s.Name)} | {s.Pairs} | {s.BaselineMean:0.00} | {s.CurrentMean:0.00} | {RunComparison.WithSign(s.MeanDifference)} | {RunComparison.WithSign(s.Lower)}…{RunComparison.WithSign(s.Upper)} | {s.WorseTests.Count} | {(s.Regressed ? "**regressed**" : "ok")} |\n");
        }
        if (c.Gate.TooFewPairs.Count > 0)
            md.Append(CultureInfo.InvariantCulture, $"\nNot judged by the gate (fewer than {c.Gate.Options.MinPairs} paired tests): {string.Join(", ", c.Gate.TooFewPairs.Select(MarkdownReport.Escape))}.\n");
        if (c.Gate.Pairing is { Broken: true } pairing)
            md.Append('\n').Append(pairing.Describe()).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"\nGate verdict: {(c.Gate.Passed ? "pass" : "FAIL")} (tolerance {c.Gate.Options.Tolerance:0.00}).\n");
        md.Append(CultureInfo.InvariantCulture,
            $"\n{c.Changes.Count} test(s) moved ({c.Changes.Count(x => x.Kind == ChangeKind.Response)} with another response, {c.Changes.Count(x => x.Kind == ChangeKind.Judge)} by another judge, " +
            $"{c.Changes.Count(x => x.Kind == ChangeKind.JudgeNoise)} by the judge alone), {c.Unchanged} unchanged, {c.OnlyBefore.Count} only in {MarkdownReport.Escape(before)}, {c.OnlyAfter.Count} only in {MarkdownReport.Escape(after)}, {c.NotCompared.Count} in both with no skill scored in both.\n");
        if (c.NotCompared.Count > 0)
            md.Append(CultureInfo.InvariantCulture, $"\nNot compared (a judge error or N/A on one side for every skill): {string.Join(", ", c.NotCompared.Take(20).Select(MarkdownReport.Escape))}{(c.NotCompared.Count > 20 ? ", …" : "")}.\n");

        foreach (InstanceChange change in c.Changes)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {MarkdownReport.Escape(change.Id)}\n\n");
            md.Append(change.Kind switch
            {
                ChangeKind.Response => "The response changed.",
                ChangeKind.Judge => string.Create(CultureInfo.InvariantCulture, $"Same response, another judge ({MarkdownReport.Escape(change.Before.JudgeModel)} → {MarkdownReport.Escape(change.After.JudgeModel)})."),
                _ => "Same response, same judge, another score: judge noise.",
            }).Append("\n\n");
            foreach (SkillMove move in change.Moves)
            {
                md.Append(CultureInfo.InvariantCulture, $"- **{MarkdownReport.Escape(move.Name)}** {move.Before:0.##} → {move.After:0.##} ({RunComparison.WithSign(move.Change)})\n");
                md.Append("  - before: ").Append(MarkdownReport.Escape(move.FeedbackBefore)).Append('\n');
                md.Append("  - after: ").Append(MarkdownReport.Escape(move.FeedbackAfter)).Append('\n');
            }
            if (change.Kind == ChangeKind.Response)
            {
                // git's word-diff notation inside a fence, so the responses' own Markdown is shown, not rendered.
                string diff = string.Concat(WordDiff.Of(change.Before.Response ?? string.Empty, change.After.Response ?? string.Empty).Select(r => r.Kind switch
                {
                    WordDiff.Kind.Deleted => "[-" + r.Text + "-]",
                    WordDiff.Kind.Inserted => "{+" + r.Text + "+}",
                    _ => r.Text,
                }));
                // Inert: a response line such as "::error …" would be a CI workflow command on the console.
                md.Append("\nResponse, word by word ([-removed-] {+added+}):\n\n").Append(Fence(WorkflowCommandText.Inert(diff)));
            }
        }
        return md.ToString();
    }

    /// <summary>A fenced block longer than any run of backticks in the text, so the text cannot close it.</summary>
    private static string Fence(string text)
    {
        int longest = 0, run = 0;
        foreach (char ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        string fence = new('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{text.TrimEnd('\n')}\n{fence}\n";
    }
}
