using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>Two runs compared: the gate's numbers per skill, and per test what moved, why, worst first.</summary>
public sealed class RunComparisonTests
{
    private static ScoredResponse R(string id, double? score, string response = "an answer", string judge = "judge-a") =>
        RunStoreTests.Response(id, score, response, judge);

    [Fact]
    public void Moved_tests_are_sorted_by_largest_drop_and_say_what_changed()
    {
        ScoredResponse[] before = [R("a", 4), R("b", 5), R("c", 3), R("d", 4), R("e", 2), R("gone", 3)];
        ScoredResponse[] after = [R("a", 4), R("b", 2, response: "a new answer"), R("c", 2), R("d", 5, judge: "judge-b"), R("e", null), R("new", 3)];

        RunComparison comparison = RunComparison.Of(before, after, "before", "after");

        Assert.Equal(["b", "c", "d"], comparison.Changes.Select(c => c.Id));
        Assert.Equal([ChangeKind.Response, ChangeKind.JudgeNoise, ChangeKind.Judge], comparison.Changes.Select(c => c.Kind));
        SkillMove move = Assert.Single(comparison.Changes[0].Moves);
        Assert.Equal(("Factuality", 5.0, 2.0, -3.0, "feedback b 5", "feedback b 2"), (move.Skill, move.Before, move.After, move.Change, move.FeedbackBefore, move.FeedbackAfter));
        Assert.Equal(("an answer", "a new answer"), (comparison.Changes[0].Before.Response, comparison.Changes[0].After.Response));
        Assert.Equal(1, comparison.Unchanged); // "a"; "e" lost its score, so nothing of it is compared
        Assert.Equal(["gone"], comparison.OnlyBefore);
        Assert.Equal(["new"], comparison.OnlyAfter);
        Assert.Equal(["e"], comparison.NotCompared);
    }

    /// <summary>Generated runs: every test of either run is in exactly one bucket, whatever its scores became.</summary>
    [Fact]
    public void Every_test_of_either_run_is_counted_in_exactly_one_bucket()
    {
        var random = new Random(2911);
        for (int trial = 0; trial < 300; trial++)
        {
            double? Score() => random.Next(4) == 0 ? null : random.Next(1, 6);
            ScoredResponse[] before = [.. Enumerable.Range(0, random.Next(0, 20)).Where(_ => random.Next(5) > 0).Select(i => R($"t{i}", Score()))];
            ScoredResponse[] after = [.. Enumerable.Range(0, random.Next(0, 20)).Where(_ => random.Next(5) > 0).Select(i => R($"t{i}", Score()))];

            RunComparison c = RunComparison.Of(before, after, "before", "after");

            string[] all = [.. c.Changes.Select(x => x.Id), .. c.OnlyBefore, .. c.OnlyAfter, .. c.NotCompared];
            Assert.Equal(all.Length, all.Distinct().Count());
            Assert.Equal(before.Select(r => r.Id).Union(after.Select(r => r.Id)).Count(), all.Length + c.Unchanged);
            Assert.All(c.NotCompared, id => Assert.True(before.Single(r => r.Id == id).Skills[0].Score is null || after.Single(r => r.Id == id).Skills[0].Score is null));
        }
    }

    [Fact]
    public void Per_skill_numbers_are_the_gates_own()
    {
        var random = new Random(7);
        ScoredResponse[] before = [.. Enumerable.Range(0, 40).Select(i => R($"t{i}", random.Next(1, 6)))];
        ScoredResponse[] after = [.. before.Select(r => R(r.Id, Math.Max(1, r.Skills[0].Score!.Value - random.Next(0, 2))))];

        RunComparison comparison = RunComparison.Of(before, after, "before", "after");
        GateReport gate = RegressionGate.Compare(Baseline.From(before), after);

        Assert.Equal(gate.Skills.Select(s => (s.Id, s.Pairs, s.BaselineMean, s.CurrentMean, s.Lower, s.Upper, s.Regressed, string.Join(",", s.WorseTests))),
            comparison.Gate.Skills.Select(s => (s.Id, s.Pairs, s.BaselineMean, s.CurrentMean, s.Lower, s.Upper, s.Regressed, string.Join(",", s.WorseTests))));
        SkillComparison factuality = Assert.Single(gate.Skills);
        string line = Assert.Single(comparison.SkillLines());
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Factuality {factuality.BaselineMean:0.00} → {factuality.CurrentMean:0.00} (−{-factuality.MeanDifference:0.00}, 95 % CI −{-factuality.Lower:0.00}…{RunComparison.WithSign(factuality.Upper)}), {factuality.WorseTests.Count} tests worse") +
            (factuality.Regressed ? ": regressed" : string.Empty), line);
    }

    [Fact]
    public void Unmoved_skills_make_no_line_and_a_run_with_one_id_twice_cannot_be_paired()
    {
        ScoredResponse[] run = [R("a", 4), R("b", 3), R("c", 5)];
        ScoredResponse[] twice = [R("a", 4), R("a", 3) with { Model = "vicuna" }];

        Assert.Empty(RunComparison.Of(run, run, "x", "y").SkillLines());
        var error = Assert.Throws<InvalidDataException>(() => RunComparison.Of(run, twice, "x", "two-models.jsonl"));
        Assert.StartsWith("two-models.jsonl: holds 'a' twice (model vicuna and another)", error.Message);
    }

    [Fact]
    public void Signed_numbers_use_a_true_minus_and_invariant_digits_in_any_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(("\u22120.26", "+1.50", "0.00", "0.00"), (RunComparison.WithSign(-0.26), RunComparison.WithSign(1.5), RunComparison.WithSign(0.001), RunComparison.WithSign(-0.001)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
