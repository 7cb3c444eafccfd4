using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The paired bootstrap gate on its own: noise passes, a real drop fails, too few pairs are not judged.</summary>
public sealed class RegressionGateStatisticsTests
{
    private static ScoredResponse Response(string id, double score) => new()
    {
        Id = id,
        Instruction = "q",
        Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, score, 3, score >= 3, "", null)],
    };

    private static IEnumerable<ScoredResponse> Run(params double[] scores) => scores.Select((s, i) => Response($"t{i:00}", s));

    private static readonly double[] Before = [4, 5, 4, 3, 4, 5, 4, 4, 3, 5, 4, 4, 5, 4, 3, 4, 4, 5, 4, 4];

    [Fact]
    public void One_noisy_test_among_twenty_does_not_regress()
    {
        double[] after = [.. Before];
        after[3] = 1; // one test drops by 2 points: judge noise

        GateReport report = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after));

        SkillComparison factuality = Assert.Single(report.Skills);
        Assert.False(factuality.Regressed);
        Assert.True(factuality.Upper >= 0, $"interval [{factuality.Lower}, {factuality.Upper}]");
        Assert.True(report.Passed);
    }

    [Fact]
    public void A_drop_across_tests_regresses_and_names_the_tests_worst_first()
    {
        double[] after = [.. Before.Select((s, i) => i % 4 == 0 ? s : s - 1)];

        GateReport report = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after));

        SkillComparison factuality = Assert.Single(report.Regressions);
        Assert.Equal(20, factuality.Pairs);
        Assert.Equal(-0.75, factuality.MeanDifference, precision: 10);
        Assert.True(factuality.Upper < 0);
        Assert.Equal(15, factuality.WorseTests.Count);
        Assert.Contains("FLASK regression: Factuality fell from 4.10 to 3.35", report.Describe());
    }

    [Fact]
    public void The_verdict_writes_signed_differences_as_compare_does_with_a_true_minus_sign()
    {
        double[] after = [.. Before.Select((s, i) => i % 4 == 0 ? s : s - 1)];
        GateReport report = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after));
        SkillComparison factuality = Assert.Single(report.Regressions);

        string describe = report.Describe(), markdown = report.ToMarkdown();

        string change = RunComparison.WithSign(factuality.MeanDifference), lower = RunComparison.WithSign(factuality.Lower), upper = RunComparison.WithSign(factuality.Upper);
        Assert.Equal("\u22120.75", change);
        Assert.Contains($"(mean change {change}, 95 % interval [{lower}, {upper}] over 20 tests", describe);
        Assert.Contains($"| {change} | [{lower}, {upper}] |", markdown);
        Assert.DoesNotMatch(@"-\d", describe); // no ASCII hyphen before a number
        Assert.DoesNotMatch(@"-\d", markdown);
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(10.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_tolerance_the_gate_could_never_or_not_sensibly_fail_on_is_refused_in_code_too(double tolerance)
    {
        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => new GateOptions { Tolerance = tolerance });

        Assert.StartsWith("The gate's tolerance must be 0 or more and below 4 score points", error.Message);
        Assert.Equal(3.99, new GateOptions { Tolerance = 3.99 }.Tolerance);
    }

    [Fact]
    public void A_significant_drop_smaller_than_the_tolerance_passes()
    {
        double[] after = [.. Before.Select((s, i) => i % 5 == 0 ? s - 1 : s)]; // every fifth test 1 lower: mean −0.2

        GateReport strict = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after), new GateOptions { Tolerance = 0.1 });
        GateReport lenient = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after), new GateOptions { Tolerance = 0.25 });

        Assert.False(strict.Passed);
        Assert.True(lenient.Passed);
    }

    [Fact]
    public void Skills_with_too_few_paired_tests_are_reported_not_judged()
    {
        GateReport report = RegressionGate.Compare(Baseline.From(Run(5, 5)), Run(1, 1));

        Assert.Empty(report.Skills);
        Assert.Equal(["Factuality"], report.TooFewPairs);
        Assert.True(report.Passed);
    }

    [Fact]
    public void The_verdict_is_the_same_every_time()
    {
        double[] after = [.. Before.Select((s, i) => i % 2 == 0 ? s - 1 : s)];

        var first = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after)).Skills.Single();
        var second = RegressionGate.Compare(Baseline.From(Run(Before)), Run(after)).Skills.Single();

        Assert.Equal((first.Lower, first.Upper), (second.Lower, second.Upper));
    }
}
