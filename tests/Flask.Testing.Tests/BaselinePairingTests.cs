using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The gate's pairing rule over generated baselines and runs: a run whose test ids mostly changed fails the gate,
/// saying how many paired; a run of a subset of the tests (a filter), or with a few new tests, does not.
/// </summary>
public sealed class BaselinePairingTests
{
    private static ScoredResponse Response(string id, double score) => new()
    {
        Id = id,
        Instruction = "q",
        Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, score, 3, score >= 3, "", null)],
    };

    private static Baseline BaselineOf(IEnumerable<string> ids, Random random) =>
        Baseline.From(ids.Select(id => Response(id, random.Next(1, 6))));

    [Fact]
    public void Renamed_tests_fail_the_gate_saying_how_many_paired_and_why()
    {
        Baseline baseline = BaselineOf(Enumerable.Range(0, 6).Select(i => $"Tests.Old_{i}"), new Random(1));

        GateReport report = RegressionGate.Compare(baseline, Enumerable.Range(0, 6).Select(i => Response($"Tests.New_{i}", 4)));

        Assert.False(report.Passed);
        Assert.Empty(report.Regressions);
        Assert.StartsWith("FLASK regression gate FAILED: the baseline no longer pairs with this run: only 0 of the run's 6 scored test(s) " +
            "have an entry among the baseline's 6; 6 test(s) of this run are not in the baseline (e.g. 'Tests.New_0', 'Tests.New_1', 'Tests.New_2', …) " +
            "and 6 baseline entries were not run (e.g. 'Tests.Old_0', 'Tests.Old_1', 'Tests.Old_2', …).", report.Describe());
        Assert.Contains("the ids changed", report.Describe());
    }

    [Fact]
    public void Generated_runs_fail_exactly_when_most_of_their_tests_no_longer_pair()
    {
        var random = new Random(20260712);
        for (int trial = 0; trial < 3000; trial++)
        {
            int baselineSize = random.Next(0, 30);
            string[] baselineIds = [.. Enumerable.Range(0, baselineSize).Select(i => $"T.Test_{i}")];
            // The run: some baselined tests kept (a filter drops others), some renamed, some new.
            string[] kept = [.. baselineIds.Where(_ => random.NextDouble() < random.NextDouble())];
            string[] renamed = [.. baselineIds.Except(kept).Where(_ => random.Next(3) == 0).Select(id => id.Replace("Test_", "Renamed_", StringComparison.Ordinal))];
            string[] added = [.. Enumerable.Range(0, random.Next(0, 4)).Select(i => $"T.New_{i}")];
            string[] runIds = [.. kept, .. renamed, .. added];
            if (runIds.Length == 0)
                continue;

            GateReport report = RegressionGate.Compare(BaselineOf(baselineIds, random), runIds.Select(id => Response(id, 4)));

            BaselinePairing pairing = report.Pairing!;
            Assert.Equal(kept.Length, pairing.Paired);
            Assert.Equal(renamed.Length + added.Length, pairing.NotInBaseline.Count);
            Assert.Equal(baselineSize - kept.Length, pairing.NotRun.Count);
            bool mostlyUnpaired = pairing.NotRun.Count > 0 && renamed.Length + added.Length > kept.Length;
            Assert.Equal(mostlyUnpaired || baselineSize == 0, pairing.Broken);
            if (baselineSize == 0)
                Assert.StartsWith("FLASK regression gate FAILED: the baseline holds no scored result", report.Describe());
            else if (mostlyUnpaired)
            {
                Assert.False(report.Passed);
                Assert.Contains($"only {kept.Length} of the run's {runIds.Length} scored test(s)", report.Describe());
            }
            if (renamed.Length + added.Length == 0 && baselineSize > 0)
                Assert.False(pairing.Broken); // a filtered run always pairs
        }
    }

    [Fact]
    public void A_run_that_scored_nothing_fails_the_gate_saying_so_an_empty_one_or_one_of_judge_errors()
    {
        Baseline baseline = BaselineOf(Enumerable.Range(0, 6).Select(i => $"Tests.T_{i}"), new Random(2));
        ScoredResponse[] judgeErrors = [.. Enumerable.Range(0, 6).Select(i => Response($"Tests.T_{i}", 4) with
        {
            Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.JudgeError, null, 3, false, null, "no score")],
        })];

        foreach (ScoredResponse[] run in new[] { Array.Empty<ScoredResponse>(), judgeErrors })
        {
            GateReport report = RegressionGate.Compare(baseline, run);

            Assert.False(report.Passed);
            Assert.StartsWith("FLASK regression gate FAILED: this run has no scored result to compare with the baseline's 6 entries", report.Describe());
        }
    }

    [Fact]
    public void An_empty_baseline_fails_the_gate_instead_of_passing_with_nothing_compared()
    {
        ScoredResponse[] run = [.. Enumerable.Range(0, 6).Select(i => Response($"Tests.T_{i}", 4))];

        foreach (ScoredResponse[] current in new[] { run, Array.Empty<ScoredResponse>() })
        {
            GateReport report = RegressionGate.Compare(Baseline.From([]), current);

            Assert.False(report.Passed);
            Assert.StartsWith("FLASK regression gate FAILED: the baseline holds no scored result, so nothing can be compared", report.Describe());
            Assert.Contains("Record the baseline again", report.Describe());
        }
    }
}
