using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// Two runs side by side (docs/history.md, "compare"): per skill, the regression gate's own comparison (means, paired
/// difference, interval, verdict: <see cref="RegressionGate"/>, nothing re-computed here); then every test whose scores
/// moved, largest drop first, with both results and what changed. Tests are paired by id, as the gate pairs them.
/// </summary>
/// <param name="Gate">The gate's comparison of the second run with the first as its baseline.</param>
/// <param name="Changes">Tests with a skill scored in both runs whose score moved, largest drop first, then by id.</param>
/// <param name="Unchanged">Tests in both runs with a skill scored in both, none of whose scores moved.</param>
/// <param name="OnlyBefore">Ids only the first run has, in id order.</param>
/// <param name="OnlyAfter">Ids only the second run has, in id order.</param>
/// <param name="NotCompared">Tests in both runs with no skill scored in both (judge errors or N/A on one side: a test whose
/// scores all became judge errors is here), in id order. With the four other buckets every test of either run is counted once.</param>
public sealed record RunComparison(GateReport Gate, IReadOnlyList<InstanceChange> Changes, int Unchanged, IReadOnlyList<string> OnlyBefore, IReadOnlyList<string> OnlyAfter,
    IReadOnlyList<string> NotCompared)
{
    /// <summary>Compares <paramref name="after"/> with <paramref name="before"/>.</summary>
    /// <exception cref="InvalidDataException">A run holds one id twice (several models in one run): it cannot be paired.</exception>
    public static RunComparison Of(IReadOnlyList<ScoredResponse> before, IReadOnlyList<ScoredResponse> after, string beforeName, string afterName, GateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        Dictionary<string, ScoredResponse> first = ById(before, beforeName), second = ById(after, afterName);
        GateReport gate = RegressionGate.Compare(Baseline.From(before), after, options);

        var changes = new List<InstanceChange>();
        var notCompared = new List<string>();
        int unchanged = 0;
        foreach (var (id, a) in first)
        {
            if (!second.TryGetValue(id, out ScoredResponse? b))
                continue;
            SkillMove[] compared = [.. a.Skills
                .Where(s => s.Status == SkillScoreStatus.Scored && s.Score is not null)
                .Join(b.Skills.Where(s => s.Status == SkillScoreStatus.Scored && s.Score is not null), s => s.Id, s => s.Id,
                    (x, y) => new SkillMove(x.Id, y.Name, x.Score!.Value, y.Score!.Value, a.FeedbackOf(x), b.FeedbackOf(y)))];
            SkillMove[] moves = [.. compared.Where(m => m.Change != 0).OrderBy(m => m.Change).ThenBy(m => m.Skill, StringComparer.Ordinal)];
            if (compared.Length == 0)
            {
                notCompared.Add(id);
                continue;
            }
            if (moves.Length == 0)
            {
                unchanged++;
                continue;
            }
            changes.Add(new InstanceChange(id, KindOf(a, b), moves, a, b));
        }
        return new RunComparison(gate,
            [.. changes.OrderBy(c => c.LargestDrop).ThenBy(c => c.Id, StringComparer.Ordinal)],
            unchanged,
            [.. first.Keys.Where(k => !second.ContainsKey(k)).Order(StringComparer.Ordinal)],
            [.. second.Keys.Where(k => !first.ContainsKey(k)).Order(StringComparer.Ordinal)],
            [.. notCompared.Order(StringComparer.Ordinal)]);
    }

    /// <summary>What changed between two results of one test.</summary>
    public static ChangeKind KindOf(ScoredResponse before, ScoredResponse after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!string.Equals(before.Response, after.Response, StringComparison.Ordinal) || !string.Equals(before.Instruction, after.Instruction, StringComparison.Ordinal))
            return ChangeKind.Response;
        return string.Equals(before.JudgeModel, after.JudgeModel, StringComparison.Ordinal) ? ChangeKind.JudgeNoise : ChangeKind.Judge;
    }

    /// <summary>
    /// One line per compared skill whose mean moved, e.g. "Factuality 4.21 → 3.95 (−0.26, 95 % CI −0.41…−0.11), 7 tests
    /// worse" (invariant culture); skills that did not move are left out.
    /// </summary>
    public IEnumerable<string> SkillLines() => Gate.Skills
        .Where(s => Math.Round(s.MeanDifference, 2) != 0 || s.WorseTests.Count > 0)
        .Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{WorkflowCommandText.OneLine(s.Name)} {s.BaselineMean:0.00} → {s.CurrentMean:0.00} ({WithSign(s.MeanDifference)}, {Gate.Options.Confidence * 100:0.##} % CI {WithSign(s.Lower)}…{WithSign(s.Upper)}), " +
            $"{s.WorseTests.Count} test{(s.WorseTests.Count == 1 ? string.Empty : "s")} worse{(s.Regressed ? ": regressed" : string.Empty)}"));

    /// <summary>
    /// A signed number with two decimals and a true minus sign (U+2212), as in "−0.26" and "+0.10" (and "0.00"): the one
    /// way a difference of scores is written, here, in the regression gate's verdict and in the CLI's pages.
    /// </summary>
    public static string WithSign(double value) =>
        Math.Round(value, 2) switch
        {
            < 0 => "\u2212" + (-value).ToString("0.00", CultureInfo.InvariantCulture),
            > 0 => "+" + value.ToString("0.00", CultureInfo.InvariantCulture),
            _ => "0.00",
        };

    private static Dictionary<string, ScoredResponse> ById(IReadOnlyList<ScoredResponse> run, string name)
    {
        var byId = new Dictionary<string, ScoredResponse>(run.Count, StringComparer.Ordinal);
        foreach (ScoredResponse response in run)
        {
            if (!byId.TryAdd(response.Id, response))
                throw new InvalidDataException($"{name}: holds '{response.Id}' twice{(response.Model is { } m ? $" (model {m} and another)" : string.Empty)}, so its results cannot be paired with another run's; compare runs of one model each (dotnet flask bench --out per model).");
        }
        return byId;
    }
}
