using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace Flask.Testing;

/// <summary>
/// The run history: a local SQLite file of runs and their results (docs/history.md). Safe for several processes at
/// once (two test projects finishing together): write-ahead logging, a busy timeout, and each run recorded in one
/// immediate transaction, so a reader sees a run whole or not at all. Opening migrates an older schema in place.
/// </summary>
public sealed class RunStore : IDisposable
{
    /// <summary>How long a writer waits for another to finish before giving up.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);

    private readonly SqliteConnection _connection;

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating it and its directory when needed) the store at <paramref name="path"/>, migrated to the current schema.</summary>
    /// <exception cref="InvalidDataException">The file is not a run store (another database, a damaged store), or one written by a newer version; the message names the file.</exception>
    public static RunStore Open(string path) => Open(path, StoreSchema.Current);

    /// <summary>
    /// Opens the existing store at <paramref name="path"/> to read it: nothing is created or written, so that a command
    /// that only reads never changes a file (a database given by mistake, a read-only CI cache) — except that a store of
    /// an earlier schema version is upgraded in place first (one transaction), as a recording would.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a run store, is damaged, or was written by a newer version; the message names the file.</exception>
    public static RunStore OpenReadOnly(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no run store there.", path);
        SqliteNative.EnsureAvailable(path);
        // A store of an earlier version is ours to upgrade: reading it after a tool update must not need a recording
        // first. Only a genuine store gets there (validated); the upgrade is one transaction.
        return OpenWith(path, SqliteOpenMode.ReadOnly, connection =>
        {
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA query_only = ON;");
            int version = Validate(connection, path);
            if (version == 0)
                throw new InvalidDataException($"{path}: not a FLASK run store (an empty database: no run was ever recorded in it). Give --store (or FLASK_HISTORY) the store a run recorded into.");
            return version == StoreSchema.Current;
        }) ?? Open(path);
    }

    /// <summary>Opens the store migrated only up to <paramref name="version"/> (for tests of the migrations).</summary>
    internal static RunStore Open(string path, int version)
    {
        path = System.IO.Path.GetFullPath(path);
        SqliteNative.EnsureAvailable(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return OpenWith(path, SqliteOpenMode.ReadWriteCreate, connection =>
        {
            // Checked before WAL is turned on: that pragma writes the file's header, and a file that is no store stays as it was.
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
            Validate(connection, path);
            // 16 KB pages for a new store (an existing one keeps its own): a results line of a few KB then fits in a page
            // or two instead of a chain of overflow pages, and a large run writes about a third fewer bytes.
            Execute(connection, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            Migrate(connection, path, version);
            return true;
        })!;
    }

    /// <summary>
    /// Opens a connection to <paramref name="path"/> and prepares it: the store when <paramref name="prepare"/> says it
    /// is usable as it is, else null (the connection closed). A file SQLite cannot read as a database is "not a store";
    /// the connection is closed on any failure.
    /// </summary>
    private static RunStore? OpenWith(string path, SqliteOpenMode mode, Func<SqliteConnection, bool> prepare)
    {
        SqliteConnection connection = Connect(path, mode);
        try
        {
            connection.Open();
            if (prepare(connection))
                return new RunStore(path, connection);
        }
        catch (SqliteException e) when (IsNotAStore(e))
        {
            connection.Dispose();
            throw NotAStore(path, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        connection.Dispose();
        return null;
    }

    // No pooling: the file is released when the store is disposed (a test's temp directory, a CI cache step).
    private static SqliteConnection Connect(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = (int)BusyTimeout.TotalSeconds,
    }.ToString());

    /// <summary>
    /// The file's schema version, once it is known to be a store (or an empty database): a database with tables of
    /// its own and no version (an app's database given by mistake), a store missing a table of its version, or one
    /// from a newer version is refused before anything is written to it.
    /// </summary>
    private static int Validate(SqliteConnection connection, string path)
    {
        int version;
        var tables = new SortedSet<string>(StringComparer.Ordinal);
        // The version and the tables in one read transaction: a store another process creates at this moment is seen
        // whole or not at all, never its tables without its version (which read as "not a FLASK run store").
        using (SqliteTransaction snapshot = connection.BeginTransaction(deferred: true))
        {
            version = UserVersion(connection);
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'";
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                    tables.Add(reader.GetString(0));
            }
            snapshot.Commit();
        }
        if (version > StoreSchema.Current)
            throw TooNew(path, version);
        if (version == 0 && tables.Count > 0)
            throw new InvalidDataException($"{path}: not a FLASK run store (a SQLite database with other tables: {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : string.Empty)}); nothing was written to it. Give --store (or FLASK_HISTORY) another file.");
        string[] missing = [.. StoreSchema.Tables(version).Where(t => !tables.Contains(t))];
        if (missing.Length > 0)
            throw new InvalidDataException($"{path}: a damaged FLASK run store (schema version {version} without its table{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}). Restore it from a copy, or give --store (or FLASK_HISTORY) another file.");
        return version;
    }

    private static InvalidDataException TooNew(string path, int version) =>
        new($"{path}: run store schema version {version} is newer than this version of Flask.Testing reads ({StoreSchema.Current}); update Flask.Testing and the dotnet flask tool, or give another store.");

    private static bool IsNotAStore(SqliteException e) => e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */;

    private static InvalidDataException NotAStore(string path, SqliteException e) =>
        new($"{path}: not a FLASK run store ({e.Message}). Give --store (or FLASK_HISTORY) another file, or move this one away.", e);

    /// <summary>The schema version of the open store.</summary>
    public int SchemaVersion => UserVersion(_connection);

    private static void Migrate(SqliteConnection connection, string path, int target)
    {
        if (UserVersion(connection) == target)
            return;
        // Immediate: two processes opening a new store at once take turns, and the second sees the first's schema.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        int version = UserVersion(connection);
        if (version > StoreSchema.Current)
            throw TooNew(path, version);
        for (; version < target; version++)
            Execute(connection, StoreSchema.Migrations[version], transaction);
        Execute(connection, $"PRAGMA user_version = {version}", transaction);
        transaction.Commit();
    }

    /// <summary>Records a run and its results in one transaction; returns the run with its id.</summary>
    /// <exception cref="ArgumentException"><paramref name="run"/> counts another number of results than given.</exception>
    public RunInfo Record(RunInfo run, IEnumerable<ScoredResponse> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(results);
        return Record(run, RunRecording.Of(results), cancellationToken);
    }

    /// <summary>
    /// Records a run and its results in one transaction; returns the run with its id. The results are compressed before
    /// the transaction (<see cref="RunRecording.Snapshot"/>): other writers wait only for the rows (docs/performance.md).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="run"/> counts another number of results than the recording holds.</exception>
    internal RunInfo Record(RunInfo run, RunRecording recording, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(recording);
        var (results, lines) = recording.Snapshot(cancellationToken);
        // The run's counts and its rows must be of the same results: never a run that says more or fewer than it holds.
        if (results.Length != run.Results)
            throw new ArgumentException($"The run counts {run.Results} results, but {results.Length} are given to record.", nameof(run));
        return Insert(run, results, lines, cancellationToken);
    }

    /// <summary>The run and its results' rows (<paramref name="lines"/>: each result's stored form), in one immediate transaction.</summary>
    private RunInfo Insert(RunInfo run, IReadOnlyList<ScoredResponse> responses, byte[][] lines, CancellationToken cancellationToken)
    {
        var rows = responses.Zip(lines, (response, line) => (Response: response, Line: line));
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        long id;
        using (SqliteCommand insert = Command(transaction, """
            INSERT INTO runs(recorded_at, project, source, git_commit, git_branch, judge_models, models, dataset_fingerprint,
                rubric_fingerprint, tool_version, results, scored, not_applicable, judge_errors, input_tokens, output_tokens,
                selected, not_judged, ending)
            VALUES($at, $project, $source, $commit, $branch, $judges, $models, $dataset, $rubrics, $tool, $results, $scored, $na, $errors, $in, $out,
                $selected, $notJudged, $ending)
            RETURNING id
            """))
        {
            insert.Parameters.AddWithValue("$at", run.RecordedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$project", run.Project);
            insert.Parameters.AddWithValue("$source", run.Source);
            insert.Parameters.AddWithValue("$commit", (object?)run.Commit ?? DBNull.Value);
            insert.Parameters.AddWithValue("$branch", (object?)run.Branch ?? DBNull.Value);
            insert.Parameters.AddWithValue("$judges", run.JudgeModels);
            insert.Parameters.AddWithValue("$models", run.Models);
            insert.Parameters.AddWithValue("$dataset", run.DatasetFingerprint);
            insert.Parameters.AddWithValue("$rubrics", (object?)run.RubricFingerprint ?? DBNull.Value);
            insert.Parameters.AddWithValue("$tool", run.ToolVersion);
            insert.Parameters.AddWithValue("$results", run.Results);
            insert.Parameters.AddWithValue("$scored", run.Scored);
            insert.Parameters.AddWithValue("$na", run.NotApplicable);
            insert.Parameters.AddWithValue("$errors", run.JudgeErrors);
            insert.Parameters.AddWithValue("$in", run.InputTokens);
            insert.Parameters.AddWithValue("$out", run.OutputTokens);
            insert.Parameters.AddWithValue("$selected", (object?)run.Selected ?? DBNull.Value);
            insert.Parameters.AddWithValue("$notJudged", (object?)run.NotJudged ?? DBNull.Value);
            insert.Parameters.AddWithValue("$ending", run.Ending is { } ending ? EndingName(ending) : DBNull.Value);
            id = (long)insert.ExecuteScalar()!;
        }

        // Prepared once, bound per row: the cost of a large run is the rows, not the SQL (docs/performance.md).
        using SqliteCommand result = Command(transaction, "INSERT INTO results(run_id, seq, result_id, json) VALUES($run, $seq, $id, $json)");
        SqliteParameter resultSeq = result.Parameters.Add("$seq", SqliteType.Integer), resultId = result.Parameters.Add("$id", SqliteType.Text),
            resultJson = result.Parameters.Add("$json", SqliteType.Blob);
        result.Parameters.AddWithValue("$run", id);
        result.Prepare();
        // A skill listed twice in one result (not a line this tool writes): its first score is the one kept.
        using SqliteCommand score = Command(transaction, "INSERT OR IGNORE INTO scores(run_id, seq, skill, score) VALUES($run, $seq, $skill, $score)");
        SqliteParameter scoreSeq = score.Parameters.Add("$seq", SqliteType.Integer), scoreSkill = score.Parameters.Add("$skill", SqliteType.Text),
            scoreValue = score.Parameters.Add("$score", SqliteType.Real);
        score.Parameters.AddWithValue("$run", id);
        score.Prepare();
        int seq = 0;
        foreach (var (response, line) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            resultSeq.Value = seq;
            resultId.Value = response.Id;
            resultJson.Value = line;
            result.ExecuteNonQuery();
            foreach (ScoredSkill skill in response.Skills)
            {
                if (skill.Status != SkillScoreStatus.Scored || skill.Score is not { } value)
                    continue;
                scoreSeq.Value = seq;
                scoreSkill.Value = skill.Id;
                scoreValue.Value = value;
                score.ExecuteNonQuery();
            }
            seq++;
        }
        transaction.Commit();
        return run with { Id = id };
    }

    /// <summary>The runs that match <paramref name="filter"/>, newest first.</summary>
    public IReadOnlyList<RunInfo> List(RunFilter? filter = null)
    {
        filter ??= new RunFilter();
        var sql = new StringBuilder("SELECT * FROM runs WHERE 1 = 1");
        using SqliteCommand command = _connection.CreateCommand();
        if (filter.Project is { } project)
        {
            sql.Append(" AND project = $project");
            command.Parameters.AddWithValue("$project", project);
        }
        if (filter.Branch is { } branch)
        {
            sql.Append(" AND git_branch = $branch");
            command.Parameters.AddWithValue("$branch", branch);
        }
        if (filter.Model is { } model)
        {
            sql.Append(" AND (instr(',' || models || ',', ',' || $model || ',') > 0 OR instr(',' || judge_models || ',', ',' || $model || ',') > 0)");
            command.Parameters.AddWithValue("$model", model);
        }
        if (filter.Before is { } before)
        {
            sql.Append(" AND id < $before");
            command.Parameters.AddWithValue("$before", before);
        }
        sql.Append(" ORDER BY id DESC");
        if (filter.Last is { } last)
        {
            sql.Append(" LIMIT $last");
            command.Parameters.AddWithValue("$last", last);
        }
        command.CommandText = sql.ToString();
        var runs = new List<RunInfo>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
            runs.Add(ReadRun(reader));
        return runs;
    }

    /// <summary>
    /// What a new run of <paramref name="project"/> is compared with (docs/history.md): the newest <see cref="RunInfo.IsComplete">complete</see>
    /// run recorded before run <paramref name="before"/>, among the newest <paramref name="window"/> of the project's runs, and the
    /// incomplete runs newer than it (newest first) that were passed over, so that the summary can name them.
    /// </summary>
    internal (RunInfo? Complete, IReadOnlyList<RunInfo> PassedOver) PreviousComplete(string project, long before, int window = 20)
    {
        var passedOver = new List<RunInfo>();
        foreach (RunInfo run in List(new RunFilter { Project = project, Before = before, Last = window }))
        {
            if (run.IsComplete)
                return (run, passedOver);
            passedOver.Add(run);
        }
        return (null, passedOver);
    }

    /// <summary>The run with this id, or null.</summary>
    public RunInfo? Find(long id)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadRun(reader) : null;
    }

    /// <summary>The results of run <paramref name="id"/>, in the order recorded.</summary>
    /// <exception cref="InvalidDataException">A stored result is not a scored response; the message names the run and result.</exception>
    public IEnumerable<ScoredResponse> Results(long id)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT seq, json FROM results WHERE run_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            ScoredResponse? response;
            try
            {
                response = StoredResult.Read(reader.GetValue(1));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"{Path}: run {id}, result {reader.GetInt64(0) + 1}: not a FLASK result: {e.Message}", e);
            }
            yield return response ?? throw new InvalidDataException($"{Path}: run {id}, result {reader.GetInt64(0) + 1}: empty result.");
        }
    }

    /// <summary>Per run (of <paramref name="runs"/>) and skill: the mean score and how many scores it has.</summary>
    public IReadOnlyDictionary<long, IReadOnlyDictionary<string, (double Mean, int Count)>> SkillMeans(IEnumerable<long> runs)
    {
        var means = new Dictionary<long, IReadOnlyDictionary<string, (double Mean, int Count)>>();
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT skill, avg(score), count(*) FROM scores WHERE run_id = $run GROUP BY skill";
        SqliteParameter run = command.Parameters.Add("$run", SqliteType.Integer);
        foreach (long id in runs)
        {
            run.Value = id;
            var skills = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
            using (SqliteDataReader reader = command.ExecuteReader())
                while (reader.Read())
                    skills[reader.GetString(0)] = (reader.GetDouble(1), reader.GetInt32(2));
            means[id] = skills;
        }
        return means;
    }

    /// <summary>Every score of run <paramref name="id"/>: the result's place and id, the skill and the score, by skill then place.</summary>
    internal IEnumerable<(long Seq, string Test, string Skill, double Score)> Scores(long id)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT s.seq, r.result_id, s.skill, s.score FROM scores s JOIN results r ON r.run_id = s.run_id AND r.seq = s.seq WHERE s.run_id = $id";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
            yield return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3));
    }

    private static RunInfo ReadRun(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(r.GetOrdinal("id")),
        RecordedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("recorded_at")), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Project = r.GetString(r.GetOrdinal("project")),
        Source = r.GetString(r.GetOrdinal("source")),
        Commit = r.IsDBNull(r.GetOrdinal("git_commit")) ? null : r.GetString(r.GetOrdinal("git_commit")),
        Branch = r.IsDBNull(r.GetOrdinal("git_branch")) ? null : r.GetString(r.GetOrdinal("git_branch")),
        JudgeModels = r.GetString(r.GetOrdinal("judge_models")),
        Models = r.GetString(r.GetOrdinal("models")),
        DatasetFingerprint = r.GetString(r.GetOrdinal("dataset_fingerprint")),
        RubricFingerprint = r.IsDBNull(r.GetOrdinal("rubric_fingerprint")) ? null : r.GetString(r.GetOrdinal("rubric_fingerprint")),
        ToolVersion = r.GetString(r.GetOrdinal("tool_version")),
        Results = r.GetInt32(r.GetOrdinal("results")),
        Scored = r.GetInt32(r.GetOrdinal("scored")),
        NotApplicable = r.GetInt32(r.GetOrdinal("not_applicable")),
        JudgeErrors = r.GetInt32(r.GetOrdinal("judge_errors")),
        InputTokens = r.GetInt64(r.GetOrdinal("input_tokens")),
        OutputTokens = r.GetInt64(r.GetOrdinal("output_tokens")),
        Selected = r.IsDBNull(r.GetOrdinal("selected")) ? null : r.GetInt32(r.GetOrdinal("selected")),
        NotJudged = r.IsDBNull(r.GetOrdinal("not_judged")) ? null : r.GetInt32(r.GetOrdinal("not_judged")),
        Ending = r.IsDBNull(r.GetOrdinal("ending")) ? null : r.GetString(r.GetOrdinal("ending")) switch
        {
            "completed" => RunEnding.Completed,
            "stopped-early" => RunEnding.StoppedEarly,
            "cancelled" => RunEnding.Cancelled,
            // A value this version does not know (a newer writer would have raised the schema version): not guessed.
            _ => null,
        },
    };

    private static string EndingName(RunEnding ending) => ending switch
    {
        RunEnding.Completed => "completed",
        RunEnding.StoppedEarly => "stopped-early",
        RunEnding.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(ending), ending, null),
    };

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static int UserVersion(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
