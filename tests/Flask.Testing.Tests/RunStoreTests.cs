using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Testing.TestKit;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The run store on real SQLite files: runs and results round-trip, filters, migrations from v1, refusals.</summary>
public sealed class RunStoreTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-history");

    public void Dispose() => _work.Dispose();

    internal static ScoredResponse Response(string id, double? score, string response = "an answer", string judge = "judge-a", string? model = null) => new()
    {
        Id = id,
        Model = model,
        Instruction = "question " + id,
        Response = response,
        JudgeModel = judge,
        InputTokens = 100,
        OutputTokens = 10,
        Skills =
        [
            new ScoredSkill("Factuality", "Factuality", "Background Knowledge",
                score is null ? SkillScoreStatus.JudgeError : SkillScoreStatus.Scored, score, null, score is not null, $"feedback {id} {score}", score is null ? "no score" : null),
            new ScoredSkill("Conciseness", "Conciseness", "User Alignment", SkillScoreStatus.NotApplicable, null, null, true, "N/A", null),
        ],
    };

    private static RunInfo Run(string project, IReadOnlyCollection<ScoredResponse> results, string? branch = "main") =>
        RunInfo.Of(project, "test", results, new GitCheckout("0123456789abcdef0123456789abcdef01234567", branch), "rubrics", "1.0.0",
            new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_failure_while_results_are_read_comes_out_as_itself_and_records_nothing()
    {
        // Results are compressed on every core; a caller still catches the failure by its type (the xUnit history
        // catches InvalidDataException to say "NOT recorded" in one line).
        ScoredResponse[] results = [Response("t1", 4), Response("t2", 3)];
        string path = Path.Combine(_work, "failing", "history.db");
        using RunStore store = RunStore.Open(path);

        IEnumerable<ScoredResponse> Failing()
        {
            yield return results[0];
            throw new InvalidDataException("results.jsonl(2): not a FLASK result");
        }
        var error = Assert.Throws<InvalidDataException>(() => store.Record(Run("App.Tests", results), Failing(), TestContext.Current.CancellationToken));

        Assert.Equal("results.jsonl(2): not a FLASK result", error.Message);
        Assert.Empty(store.List());
    }

    [Fact]
    public void Results_come_back_in_their_order_after_compression_on_every_core()
    {
        ScoredResponse[] results = [.. Enumerable.Range(0, 500).Select(i => Response($"t{i}", 1 + (i % 5), response: new string('x', i * 7)))];
        string path = Path.Combine(_work, "ordered", "history.db");
        using RunStore store = RunStore.Open(path);

        RunInfo run = store.Record(Run("App.Tests", results), results, TestContext.Current.CancellationToken);

        Assert.Equal(results.Select(ResultsJson.ToLine), store.Results(run.Id).Select(ResultsJson.ToLine));
    }

    [Fact]
    public void A_recorded_run_comes_back_whole_with_its_counts_and_results()
    {
        ScoredResponse[] results = [Response("t1", 4), Response("t2", null), Response("t3", 2.5, model: "m")];
        string path = Path.Combine(_work, "sub", "history.db");

        RunInfo recorded;
        using (RunStore store = RunStore.Open(path))
            recorded = store.Record(Run("App.Tests", results), results, TestContext.Current.CancellationToken);
        using RunStore reopened = RunStore.Open(path);
        RunInfo run = Assert.Single(reopened.List());

        Assert.Equal(recorded, run);
        Assert.Equal(1, run.Id);
        Assert.Equal((3, 2, 3, 1, 300L, 30L), (run.Results, run.Scored, run.NotApplicable, run.JudgeErrors, run.InputTokens, run.OutputTokens));
        Assert.Equal(("judge-a", "m", "main"), (run.JudgeModels, run.Models, run.Branch));
        Assert.Equal(results.Select(ResultsJson.ToLine), reopened.Results(run.Id).Select(ResultsJson.ToLine));
        Assert.Equal(StoreSchema.Current, reopened.SchemaVersion);
        var means = reopened.SkillMeans([run.Id])[run.Id];
        Assert.Equal((3.25, 2), means["Factuality"]);
        Assert.False(means.ContainsKey("Conciseness")); // N/A is not a score
    }

    [Fact]
    public void Filters_select_by_project_model_branch_and_count_newest_first()
    {
        using RunStore store = RunStore.Open(Path.Combine(_work, "history.db"));
        ScoredResponse[] a = [Response("t1", 4, model: "vicuna")], b = [Response("t1", 3, judge: "gpt-4o")];
        store.Record(Run("A", a), a, TestContext.Current.CancellationToken);
        store.Record(Run("B", b, branch: "feature"), b, TestContext.Current.CancellationToken);
        store.Record(Run("A", b, branch: null), b, TestContext.Current.CancellationToken);

        Assert.Equal([3, 2, 1], store.List().Select(r => r.Id));
        Assert.Equal([3, 1], store.List(new RunFilter { Project = "A" }).Select(r => r.Id));
        Assert.Equal([1], store.List(new RunFilter { Model = "vicuna" }).Select(r => r.Id));
        Assert.Equal([3, 2], store.List(new RunFilter { Model = "gpt-4o" }).Select(r => r.Id));
        Assert.Empty(store.List(new RunFilter { Model = "gpt-4" })); // a whole name, not a part of one
        Assert.Equal([2], store.List(new RunFilter { Branch = "feature" }).Select(r => r.Id));
        Assert.Equal([3, 2], store.List(new RunFilter { Last = 2 }).Select(r => r.Id));
        Assert.Equal([1], store.List(new RunFilter { Project = "A", Before = 3 }).Select(r => r.Id));
        Assert.Null(store.Find(4));
    }

    [Fact]
    public void A_v1_store_is_migrated_when_opened_and_its_runs_gain_their_scores()
    {
        string path = Path.Combine(_work, "history.db");
        ScoredResponse[] results = [Response("t1", 4), Response("t2", 2), Response("t3", null)];
        using (RunStore v1 = RunStore.Open(path, version: 1))
        {
            Assert.Equal(1, v1.SchemaVersion);
            // A run as version 1 wrote it: the run and its results lines, no scores table.
            using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO runs(recorded_at, project, source, judge_models, models, dataset_fingerprint, tool_version, results, scored, not_applicable, judge_errors, input_tokens, output_tokens)
                VALUES('2026-11-01T00:00:00.0000000+00:00', 'Old', 'test', 'judge-a', '', 'fp', '0.9', 3, 2, 3, 1, 300, 30);
                """;
            insert.ExecuteNonQuery();
            for (int i = 0; i < results.Length; i++)
            {
                insert.CommandText = "INSERT INTO results(run_id, seq, result_id, json) VALUES(1, $seq, $id, $json)";
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$seq", i);
                insert.Parameters.AddWithValue("$id", results[i].Id);
                insert.Parameters.AddWithValue("$json", ResultsJson.ToLine(results[i]));
                insert.ExecuteNonQuery();
            }
        }

        using RunStore store = RunStore.Open(path);

        Assert.Equal(StoreSchema.Current, store.SchemaVersion);
        RunInfo old = Assert.Single(store.List());
        Assert.Equal(("Old", 3), (old.Project, store.Results(old.Id).Count()));
        Assert.Equal((3.0, 2), store.SkillMeans([old.Id])[old.Id]["Factuality"]);
        RunInfo next = store.Record(Run("Old", results), results, TestContext.Current.CancellationToken);
        Assert.Equal(2, next.Id);
    }

    [Fact]
    public void A_v2_store_is_migrated_and_its_runs_say_their_completeness_was_not_recorded_never_complete()
    {
        string path = Path.Combine(_work, "history.db");
        ScoredResponse[] results = [Response("t1", 4), Response("t2", 2)];
        using (RunStore v2 = RunStore.Open(path, version: 2))
        {
            Assert.Equal(2, v2.SchemaVersion);
            // Two runs as version 2 wrote them: no selected, not_judged or ending columns.
            using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO runs(recorded_at, project, source, judge_models, models, dataset_fingerprint, tool_version, results, scored, not_applicable, judge_errors, input_tokens, output_tokens)
                VALUES('2026-11-01T00:00:00.0000000+00:00', 'Old', 'bench', 'judge-a', 'm', 'fp', '0.9', 2, 2, 2, 0, 200, 20),
                      ('2026-11-02T00:00:00.0000000+00:00', 'Old', 'test', 'judge-a', '', 'fp', '0.9', 2, 2, 2, 0, 200, 20);
                INSERT INTO results(run_id, seq, result_id, json) VALUES(1, 0, 't1', $a), (1, 1, 't2', $b), (2, 0, 't1', $a), (2, 1, 't2', $b);
                INSERT INTO scores(run_id, seq, skill, score) VALUES(1, 0, 'Factuality', 4), (1, 1, 'Factuality', 2), (2, 0, 'Factuality', 4), (2, 1, 'Factuality', 2);
                """;
            insert.Parameters.AddWithValue("$a", ResultsJson.ToLine(results[0]));
            insert.Parameters.AddWithValue("$b", ResultsJson.ToLine(results[1]));
            insert.ExecuteNonQuery();
        }

        using RunStore store = RunStore.Open(path);

        Assert.Equal(StoreSchema.Current, store.SchemaVersion);
        Assert.Equal([2, 1], store.List().Select(r => r.Id));
        Assert.All(store.List(), old =>
        {
            Assert.Equal((null, null, null), (old.Selected, old.NotJudged, old.Ending));
            Assert.False(old.IsComplete);
            Assert.Equal("completeness not recorded", old.Completeness);
            Assert.Equal(2, store.Results(old.Id).Count());
        });
        Assert.Equal((3.0, 2), store.SkillMeans([1])[1]["Factuality"]);
        // The v2 runs are passed over, named, when a new run looks for the newest complete one.
        var (complete, passedOver) = store.PreviousComplete("Old", before: 3);
        Assert.Null(complete);
        Assert.Equal([2, 1], passedOver.Select(r => r.Id));
    }

    [Fact]
    public void A_run_records_what_it_selected_what_it_did_not_judge_and_how_it_ended()
    {
        using RunStore store = RunStore.Open(Path.Combine(_work, "history.db"));
        ScoredResponse[] two = [Response("t1", 4), Response("t2", 3)], withError = [Response("t1", 4), Response("t2", null)];
        RunInfo complete = store.Record(Run("A", two) with { Selected = 2, NotJudged = 0, Ending = RunEnding.Completed }, two, TestContext.Current.CancellationToken);
        RunInfo stopped = store.Record(Run("A", two) with { Selected = 1_700, NotJudged = 1_698, Ending = RunEnding.StoppedEarly }, two, TestContext.Current.CancellationToken);
        RunInfo cancelled = store.Record(Run("A", two) with { Selected = 5, NotJudged = 3, Ending = RunEnding.Cancelled }, two, TestContext.Current.CancellationToken);
        RunInfo skipped = store.Record(Run("A", two) with { Selected = 3, NotJudged = 1, Ending = RunEnding.Completed }, two, TestContext.Current.CancellationToken);
        RunInfo errors = store.Record(Run("A", withError) with { Selected = 2, NotJudged = 0, Ending = RunEnding.Completed }, withError, TestContext.Current.CancellationToken);

        Assert.Equal([errors, skipped, cancelled, stopped, complete], store.List());
        Assert.Equal(
            ["finished: 2 of 2 judged, 1 judge error", "finished: 2 of 3 judged", "cancelled: 2 of 5 judged", "stopped early: 2 of 1,700 judged", "complete"],
            store.List().Select(r => r.Completeness));
        Assert.Equal([false, false, false, false, true], store.List().Select(r => r.IsComplete));
        var (previous, passedOver) = store.PreviousComplete("A", before: 6);
        Assert.Equal(complete.Id, previous?.Id);
        Assert.Equal([5, 4, 3, 2], passedOver.Select(r => r.Id));
        Assert.Null(store.PreviousComplete("A", before: 1).Complete);
    }

    [Fact]
    public void A_new_store_has_16_KB_pages_and_keeps_results_compressed_and_reads_text_lines_of_earlier_versions_too()
    {
        string path = Path.Combine(_work, "history.db");
        ScoredResponse[] results = [Response("t1", 4, response: string.Concat(Enumerable.Repeat("a long answer ", 400))), Response("t2", 2)];
        using (RunStore store = RunStore.Open(path))
            store.Record(Run("A", results), results, TestContext.Current.CancellationToken);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT page_size FROM pragma_page_size()), typeof(json), length(json) FROM results WHERE seq = 0";
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                Assert.True(reader.Read());
                Assert.Equal((16384L, "blob"), (reader.GetInt64(0), reader.GetString(1)));
                Assert.True(reader.GetInt64(2) < ResultsJson.ToLine(results[0]).Length / 4, "a long, repetitive results line is stored compressed");
            }
            // A line as versions before 4 stored it: text.
            command.CommandText = "UPDATE results SET json = $line WHERE seq = 1";
            command.Parameters.AddWithValue("$line", ResultsJson.ToLine(results[1]));
            command.ExecuteNonQuery();
        }

        using RunStore reopened = RunStore.Open(path);
        Assert.Equal(results.Select(ResultsJson.ToLine), reopened.Results(1).Select(ResultsJson.ToLine));
    }

    [Fact]
    public void A_store_from_a_newer_version_or_a_file_that_is_no_store_is_refused_naming_it()
    {
        string newer = Path.Combine(_work, "newer.db");
        using (RunStore.Open(newer))
        {
        }
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=false"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {StoreSchema.Current + 1}";
            command.ExecuteNonQuery();
        }
        string garbage = Path.Combine(_work, "garbage.db");
        File.WriteAllText(garbage, new string('x', 4096));

        var tooNew = Assert.Throws<InvalidDataException>(() => RunStore.Open(newer));
        var notAStore = Assert.Throws<InvalidDataException>(() => RunStore.Open(garbage));

        Assert.Contains($"{newer}: run store schema version {StoreSchema.Current + 1} is newer", tooNew.Message);
        Assert.StartsWith($"{garbage}: not a FLASK run store", notAStore.Message);
    }

    [Fact]
    public void The_setting_places_the_store_beside_the_results_elsewhere_or_nowhere()
    {
        string results = Path.Combine(_work, "TestResults", "flask");

        Assert.Equal(Path.Combine(results, "history.db"), RunHistory.Location(null, results, _work));
        Assert.Equal(Path.Combine(results, "history.db"), RunHistory.Location("  ", results, _work));
        Assert.Equal(Path.Combine(_work, "ci", "h.db"), RunHistory.Location("ci/h.db", results, _work));
        Assert.Null(RunHistory.Location("off", results, _work));
        Assert.Null(RunHistory.Location("OFF", results, _work));
    }
}
