using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Flask.Testing;

/// <summary>The regression gate's verdict: every compared skill, and which regressed.</summary>
/// <param name="Skills">Each skill with enough paired tests, in id order.</param>
/// <param name="TooFewPairs">Skills left unjudged for lack of paired tests.</param>
/// <param name="Options">The options the verdict was reached with.</param>
public sealed record GateReport(IReadOnlyList<SkillComparison> Skills, IReadOnlyList<string> TooFewPairs, GateOptions Options)
{
    /// <summary>The skills that regressed.</summary>
    public IReadOnlyList<SkillComparison> Regressions => [.. Skills.Where(s => s.Regressed)];

    /// <summary>How the run's tests pair with the baseline's entries; null when not compared.</summary>
    public BaselinePairing? Pairing { get; init; }

    /// <summary>Whether the run passes the gate: no skill regressed, and the baseline still pairs with the run.</summary>
    public bool Passed => Regressions.Count == 0 && Pairing is not { Broken: true };

    /// <summary>A message naming each regressed skill, the baseline and current means and the tests that got worse.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Pairing is { Broken: true })
            text.AppendLine(Pairing.Describe());
        if (Passed)
            text.Append(CultureInfo.InvariantCulture, $"FLASK regression gate passed: {Skills.Count} skill(s) compared with the baseline, none regressed.");
        foreach (SkillComparison s in Regressions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"FLASK regression: {WorkflowCommandText.OneLine(s.Name)} fell from {s.BaselineMean:0.00} to {s.CurrentMean:0.00} (mean change {Signed(s.MeanDifference)}, " +
                $"{Options.Confidence:P0} interval [{Signed(s.Lower)}, {Signed(s.Upper)}] over {s.Pairs} tests; tolerance {Options.Tolerance:0.00}).");
            // Ids on one line: an id holding a line break could otherwise start a CI workflow command on the console.
            text.AppendLine("  Worse: " + string.Join(", ", s.WorseTests.Select(WorkflowCommandText.OneLine)));
        }
        if (TooFewPairs.Count > 0)
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"Not judged (fewer than {Options.MinPairs} paired tests): {string.Join(", ", TooFewPairs.Select(WorkflowCommandText.OneLine))}.");
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The verdict as Markdown for a CI job summary: each compared skill with its baseline → current mean and the
    /// interval of the change, then the regressed skills with the tests that got worse.
    /// </summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## FLASK regression gate: {(Passed ? "passed" : "FAILED")}");
        text.AppendLine();
        if (Pairing is { Broken: true })
            text.AppendLine(Pairing.Describe()).AppendLine();
        if (Skills.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| Skill | Tests | Baseline → current | Change | {Options.Confidence:P0} interval | Verdict |");
            text.AppendLine("| --- | ---: | --- | ---: | --- | --- |");
            foreach (SkillComparison s in Skills)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(s.Name)} | {s.Pairs} | {s.BaselineMean:0.00} → {s.CurrentMean:0.00} | {Signed(s.MeanDifference)} | [{Signed(s.Lower)}, {Signed(s.Upper)}] | {(s.Regressed ? "**regressed**" : "ok")} |");
            text.AppendLine();
        }
        foreach (SkillComparison s in Regressions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {Cell(s.Name)} regressed ({s.BaselineMean:0.00} → {s.CurrentMean:0.00}, tolerance {Options.Tolerance:0.00})");
            text.AppendLine();
            text.AppendLine("Tests that got worse:");
            text.AppendLine();
            foreach (string test in s.WorseTests)
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"- `{WorkflowCommandText.OneLine(test).Replace("`", "'", System.StringComparison.Ordinal)}`");
            text.AppendLine();
        }
        if (TooFewPairs.Count > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"Not judged (fewer than {Options.MinPairs} paired tests): {string.Join(", ", TooFewPairs.Select(Cell))}.");
        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>A signed difference as compare and the run summary write it (a true minus sign): one formatter for all.</summary>
    private static string Signed(double value) => RunComparison.WithSign(value);

    private static string Cell(string value) => WorkflowCommandText.OneLine(value).Replace("|", "\\|", System.StringComparison.Ordinal);
}
