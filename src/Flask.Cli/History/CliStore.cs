using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using Flask.Cli.Commands;
using Flask.Testing;
using Microsoft.Data.Sqlite;

namespace Flask.Cli.History;

/// <summary>
/// The CLI's side of the run history (docs/history.md): where the store is (<c>--store</c>, else <c>FLASK_HISTORY</c>,
/// else beside the results a command writes, or <c>history.db</c> in the current directory for commands that only
/// read), and store problems as one line with exit code 2.
/// </summary>
internal static class CliStore
{
    public static Option<string?> Option() => new("--store")
    {
        Description = $"The run history store, or off (default: {RunHistory.Variable}, else {RunHistory.FileName} beside the results; for commands that only read, in the current directory).",
    };

    /// <summary>The option's value as the override of <c>FLASK_HISTORY</c>, for the command's one settings read.</summary>
    public static SettingOverride Override(ParseResult parse, Option<string?> option) => new(RunHistory.Variable, option.Name, parse.GetValue(option));

    /// <summary>The store file the command's <paramref name="settings"/> name (<c>--store</c> over <c>FLASK_HISTORY</c>), or null when the history is off.</summary>
    public static string? Location(FlaskSettings settings, string defaultDirectory) =>
        RunHistory.Location(settings.Run.History, defaultDirectory, Environment.CurrentDirectory);

    /// <summary>The store a reading command uses, opened to read: it must exist and be a store, and nothing is created, migrated or written.</summary>
    public static RunStore OpenExisting(FlaskSettings settings)
    {
        string path = Location(settings, Environment.CurrentDirectory)
            ?? throw new CliException($"The run history is off ({RunHistory.Variable}=off or --store off); give --store with a store file.");
        if (!File.Exists(path))
            throw new CliException($"No run store at {path}: give --store (dotnet flask bench records beside its --out, a test project in TestResults/flask/{RunHistory.FileName}; dotnet flask import brings results files in).");
        try
        {
            return RunStore.OpenReadOnly(path);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot open the run store {path}: {FirstLine(e.Message)} Give --store another store file.");
        }
    }

    /// <summary>
    /// Reads from an open store. The open checks the file's header and schema only, so a store damaged further in (a
    /// torn page from a CI cache restore, a disk error) fails here: that is the store's problem, not the tool's, and is
    /// one line naming it with exit code 2, for every command that reads.
    /// </summary>
    public static T Read<T>(RunStore store, Func<RunStore, T> read)
    {
        try
        {
            return read(store);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 10 /* IOERR */ or 11 /* CORRUPT */ or 14 /* CANTOPEN */ or 26 /* NOTADB */)
        {
            throw new CliException($"Cannot read the run store {store.Path}: {FirstLine(e.Message)} The file is damaged: restore it from a copy, or give --store another store file.");
        }
    }

    public static RunStore Open(string path)
    {
        try
        {
            return RunStore.Open(path);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot open the run store {path}: {FirstLine(e.Message)} Give --store a writable file, or --store off.");
        }
    }

    /// <summary>
    /// Records a run; a store that cannot be written is one line naming it and how to fix it. <paramref name="selected"/>,
    /// <paramref name="notJudged"/> and <paramref name="ending"/> are left null when not known (an import): "not recorded".
    /// </summary>
    public static RunInfo Record(string path, string project, string source, RunRecording recording, string? rubricFingerprint,
        int? selected = null, int? notJudged = null, RunEnding? ending = null)
    {
        using RunStore store = Open(path);
        RunInfo run = RunInfo.Of(project, source, recording.Results, GitCheckout.Of(Environment.CurrentDirectory), rubricFingerprint, ToolVersion, DateTimeOffset.UtcNow)
            with { Selected = selected, NotJudged = notJudged, Ending = ending };
        try
        {
            return store.Record(run, recording);
        }
        catch (SqliteException e)
        {
            throw new CliException($"Cannot record the run in {path}: {FirstLine(e.Message)} Give --store a writable file, or --store off.");
        }
    }

    /// <summary>The results of run <paramref name="id"/>; an unknown id is a usage error.</summary>
    public static IReadOnlyList<ScoredResponse> Results(RunStore store, long id) => Read(store, s =>
        s.Find(id) is null
            ? throw new CliException($"No run {id} in {s.Path}; dotnet flask runs --store {s.Path} lists them.")
            : (IReadOnlyList<ScoredResponse>)[.. s.Results(id)]);

    public static string ToolVersion { get; } =
        typeof(CliStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}
