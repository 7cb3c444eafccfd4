using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>Trends and score histories read from a real store: means per run, gaps where a run has no score, the baseline's mean.</summary>
public sealed class RunTrendTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-trend");

    public void Dispose() => _work.Dispose();

    private static RunInfo Run(string project, IReadOnlyCollection<ScoredResponse> results) =>
        RunInfo.Of(project, "test", results, GitCheckout.None, null, "1.0.0", new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    private RunStore Store(params ScoredResponse[][] runs)
    {
        RunStore store = RunStore.Open(Path.Combine(_work, Guid.NewGuid().ToString("N") + ".db"));
        foreach (ScoredResponse[] results in runs)
            store.Record(Run("App", results), results, TestContext.Current.CancellationToken);
        return store;
    }

    [Fact]
    public void A_run_without_a_score_for_a_skill_is_a_gap_not_a_zero_and_the_baseline_is_its_mean()
    {
        using RunStore store = Store(
            [RunStoreTests.Response("t1", 4), RunStoreTests.Response("t2", 2)],
            [RunStoreTests.Response("t1", null), RunStoreTests.Response("t2", null)],   // judge errors only: no Factuality score
            [RunStoreTests.Response("t1", 5)]);
        var baseline = Baseline.From([RunStoreTests.Response("t1", 3), RunStoreTests.Response("t2", 4), RunStoreTests.Response("t3", 4)]);

        RunTrend trend = RunTrend.Of(store, new RunFilter(), FlaskSkills.Catalog, baseline, new GateOptions { Tolerance = 0.5 });

        Assert.Equal([1L, 2L, 3L], trend.Runs.Select(r => r.Id));
        SkillTrend factuality = Assert.Single(trend.Skills);                       // N/A Conciseness is no score anywhere
        Assert.Equal([new TrendPoint(1, 3, 2), new TrendPoint(2, null, 0), new TrendPoint(3, 5, 1)], factuality.Points);
        Assert.Equal(11 / 3d, factuality.Baseline!.Value, 12);
        Assert.Equal(0.5, trend.Tolerance);
        Assert.Equal("run 2", RunTrend.Label(trend.Runs[1]));
    }

    [Fact]
    public void A_tests_history_has_a_gap_where_a_run_did_not_score_it_or_holds_it_twice()
    {
        using RunStore store = Store(
            [RunStoreTests.Response("t1", 4), RunStoreTests.Response("t2", 2)],
            [RunStoreTests.Response("t1", 3, model: "a"), RunStoreTests.Response("t1", 5, model: "b"), RunStoreTests.Response("t2", null)],
            [RunStoreTests.Response("t1", 1), RunStoreTests.Response("t2", 2)]);

        ScoreHistory history = ScoreHistory.Of(store, new RunFilter { Last = 3 }, ["t1", "t2"]);

        Assert.Equal([4d, null, 1d], history.Of("t1", "Factuality")!);
        Assert.Equal([2d, null, 2d], history.Of("t2", "Factuality")!);
        Assert.Null(history.Of("t1", "Conciseness"));
        Assert.Null(history.Of("t3", "Factuality"));
    }
}
