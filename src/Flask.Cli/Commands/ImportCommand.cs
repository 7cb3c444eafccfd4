using System;
using System.CommandLine;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Flask.Cli.History;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask import</c>: records results JSONL files in the run history, one run per file.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Results JSONL files (dotnet flask bench, or TestResults/flask/results.jsonl).", Arity = ArgumentArity.OneOrMore };
        var project = new Option<string?>("--project") { Description = "The project the runs are recorded under (default: each file's name)." };
        var store = CliStore.Option();
        var command = new Command("import", "Record results JSONL files in the run history, one run per file (docs/history.md).") { files, project, store };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            FileInfo[] given = parse.GetValue(files)!;
            foreach (FileInfo file in given)
            {
                if (!file.Exists)
                    throw new CliException($"File not found: {file.FullName}");
            }
            string path = CliStore.Location(CliSettings.Read([CliStore.Override(parse, store)]), given[0].DirectoryName!)
                ?? throw new CliException($"The run history is off ({RunHistory.Variable}=off or --store off): nothing to import into. Give --store with a store file.");
            foreach (FileInfo file in given)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Read whole before recording: a malformed line refuses the file rather than recording part of it.
                List<ScoredResponse> results = [.. ResultsJson.ReadLines(file.FullName)];
                if (results.Count == 0)
                    throw new CliException($"Nothing to import: {file.FullName} holds no result.");
                RunInfo run = CliStore.Record(path, parse.GetValue(project) ?? Path.GetFileNameWithoutExtension(file.Name), "import", RunRecording.Of(results), rubricFingerprint: null);
                CliRunner.Line(FormattableString.Invariant($"Recorded run {run.Id}: {file.FullName} ({run.Results} results) in {path}"));
            }
            return Task.FromResult(CliRunner.Success);
        }));
        return command;
    }
}
