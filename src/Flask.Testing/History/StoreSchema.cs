using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Flask.Testing;

/// <summary>
/// The run store's schema, as ordered migrations; the database's <c>PRAGMA user_version</c> is the number applied.
/// A migration is never edited once released: a change is a new one at the end (docs/history.md, "Schema").
/// </summary>
internal static partial class StoreSchema
{
    /// <summary>Migration i brings the schema from version i to i + 1.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // v1: runs, and each run's results as their results-JSONL lines (the interchange format, docs/results.md).
        """
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at TEXT NOT NULL,
            project TEXT NOT NULL,
            source TEXT NOT NULL,
            git_commit TEXT,
            git_branch TEXT,
            judge_models TEXT NOT NULL,
            models TEXT NOT NULL,
            dataset_fingerprint TEXT NOT NULL,
            rubric_fingerprint TEXT,
            tool_version TEXT NOT NULL,
            results INTEGER NOT NULL,
            scored INTEGER NOT NULL,
            not_applicable INTEGER NOT NULL,
            judge_errors INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL);
        CREATE TABLE results(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            result_id TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
        """,
        // v2: every scored skill as a row, so that trends over many runs read scores without parsing results; the
        // scores of runs recorded under v1 are filled in from their results.
        """
        CREATE TABLE scores(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            skill TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY(run_id, skill, seq)) WITHOUT ROWID;
        INSERT INTO scores(run_id, seq, skill, score)
            SELECT r.run_id, r.seq, json_extract(s.value, '$.id'), json_extract(s.value, '$.score')
            FROM results r, json_each(r.json, '$.skills') s
            WHERE json_extract(s.value, '$.status') = 'scored' AND json_extract(s.value, '$.score') IS NOT NULL;
        CREATE INDEX runs_by_project ON runs(project, id);
        """,
        // v3: how complete a run is: what it selected, how many of those it did not judge, and how it ended. Runs
        // recorded before keep NULL in all three: "not recorded", never guessed as complete.
        """
        ALTER TABLE runs ADD COLUMN selected INTEGER;
        ALTER TABLE runs ADD COLUMN not_judged INTEGER;
        ALTER TABLE runs ADD COLUMN ending TEXT;
        """,
        // v4: results.json is written as the zlib-compressed UTF-8 results line (a BLOB; StoredResult), a quarter or
        // less of the bytes; lines written before stay text and are read as they are. No table changes: the version
        // says that a store may hold compressed lines, which an older version could not read.
        """
        SELECT 1;
        """,
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int Current => Migrations.Count;

    /// <summary>The tables a store at <paramref name="version"/> has: those its migrations create and do not drop (checked when a store is opened).</summary>
    public static IReadOnlySet<string> Tables(int version)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (string migration in Migrations.Take(version))
            foreach (Match statement in TableStatement().Matches(migration))
            {
                if (statement.Groups["verb"].Value.Equals("CREATE", StringComparison.OrdinalIgnoreCase))
                    tables.Add(statement.Groups["name"].Value);
                else
                    tables.Remove(statement.Groups["name"].Value);
            }
        return tables;
    }

    [GeneratedRegex(@"\b(?<verb>CREATE|DROP)\s+TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?<name>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableStatement();
}
