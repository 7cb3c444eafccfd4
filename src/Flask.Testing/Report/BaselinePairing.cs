using System.Collections.Generic;
using System;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// How the tests (or instances) of a run pair with the baseline's entries, by id. When most of the run's tests have
/// no baseline entry while the baseline has entries the run did not produce, the ids changed (renamed tests or data
/// rows, or a baseline keyed another way) and the gate cannot compare: that fails the gate rather than passing it
/// with nothing compared. A run of a subset of the tests (a filter) is not that: all its tests pair.
/// </summary>
/// <param name="BaselineEntries">Entries in the baseline.</param>
/// <param name="RunEntries">Scored tests in the run.</param>
/// <param name="Paired">Tests in both.</param>
/// <param name="NotRun">Baseline entries this run did not score, in id order.</param>
/// <param name="NotInBaseline">Tests of this run without a baseline entry, in id order.</param>
public sealed record BaselinePairing(int BaselineEntries, int RunEntries, int Paired, IReadOnlyList<string> NotRun, IReadOnlyList<string> NotInBaseline)
{
    /// <summary>Whether the baseline no longer pairs with the run: more of the run's tests lack an entry than have one,
    /// and the baseline has entries the run did not produce; or the run scored nothing at all against a baseline that
    /// has entries (a run that judged nothing never passes the gate); or the baseline holds no entry at all (recorded from
    /// a run that judged nothing: "none regressed" would be a pass with nothing compared).</summary>
    public bool Broken => BaselineEntries == 0 || (NotRun.Count > 0 && (NotInBaseline.Count > Paired || RunEntries == 0));

    /// <summary>How the two pair, of a baseline and the scores of a run.</summary>
    public static BaselinePairing Of(Baseline baseline, Baseline run)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        return new BaselinePairing(baseline.Scores.Count, run.Scores.Count, baseline.Scores.Keys.Count(run.Scores.ContainsKey),
            [.. baseline.Scores.Keys.Where(k => !run.Scores.ContainsKey(k))],
            [.. run.Scores.Keys.Where(k => !baseline.Scores.ContainsKey(k))]);
    }

    /// <summary>One paragraph: how many paired, why not, examples, and what to do.</summary>
    public string Describe() => BaselineEntries == 0
        ? "FLASK regression gate FAILED: the baseline holds no scored result, so nothing can be compared (it was recorded from a run " +
          "that judged nothing: an empty results file, a dead judge, every skill a judge error or N/A). Record the baseline again from a judged run."
        : RunEntries == 0
        ? FormattableString.Invariant($"FLASK regression gate FAILED: this run has no scored result to compare with the baseline's {BaselineEntries} entr{(BaselineEntries == 1 ? "y" : "ies")}: ") +
          "nothing was judged (an empty results file, or every skill a judge error or N/A). Judge the run again, or check that it is the right file."
        : FormattableString.Invariant($"FLASK regression gate FAILED: the baseline no longer pairs with this run: only {Paired} of the run's {RunEntries} scored test(s) have an entry among the baseline's {BaselineEntries}; ") +
        FormattableString.Invariant($"{NotInBaseline.Count} test(s) of this run are not in the baseline ") +
        FormattableString.Invariant($"(e.g. {Examples(NotInBaseline)}) and {NotRun.Count} baseline entr{(NotRun.Count == 1 ? "y was" : "ies were")} not run (e.g. {Examples(NotRun)}). ") +
        "Results are keyed by test class, method and data row; the ids changed (renamed tests, classes or data row ids, or a baseline " +
        "recorded with other ids), so nothing can be compared. If that is intended, record the baseline again.";

    private static string Examples(IReadOnlyList<string> ids) => string.Join(", ", ids.Take(3).Select(id => $"'{WorkflowCommandText.OneLine(id)}'")) + (ids.Count > 3 ? ", …" : string.Empty);
}
