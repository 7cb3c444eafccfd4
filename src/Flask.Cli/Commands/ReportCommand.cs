using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Cli.Analysis;
using Flask.Cli.History;
using Flask.Cli.Reports;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask report</c>: FLASK's fine-grained analysis of one or more runs, models side by side.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<FileInfo[]>("runs") { Description = "Results JSONL files of dotnet flask bench (or TestResults/flask/results.jsonl). Files of one model (shards) are merged.", Arity = ArgumentArity.ZeroOrMore };
        var runIds = new Option<long[]>("--run") { Description = "A run from the run history by id (repeatable; dotnet flask runs lists them).", AllowMultipleArgumentsPerToken = true };
        var last = new Option<int?>("--last") { Description = "The newest N runs from the run history." };
        var store = CliStore.Option();
        var format = new Option<string>("--format") { Description = "html, md or json.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("html", "md", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the report here (default: the console)." };
        var includeUnrequested = new Option<bool>("--include-unrequested") { Description = "Average scores the judge gave for skills not requested under their skills, as FLASK's aggregation does (default: counted, not averaged)." };
        var command = new Command("report", "FLASK's analysis per skill, ability, domain, difficulty, skill × difficulty and expert level (difficulty 5), with counts and confidence intervals.")
        {
            runs, format, output, includeUnrequested, runIds, last, store,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            FileInfo[] files = parse.GetValue(runs) ?? [];
            IReadOnlyList<(string Name, IEnumerable<ScoredResponse> Results)> stored = Stored(parse.GetValue(runIds) ?? [], parse.GetValue(last), parse.GetValue(store));
            if (files.Length == 0 && stored.Count == 0)
                throw new CliException("Give results JSONL files, --run ID or --last N (see dotnet flask report --help).");
            IReadOnlyList<ModelAnalysis> models = Analyze(files, parse.GetValue(includeUnrequested), stored);
            if (models.Count == 0)
                throw new CliException($"Nothing to report: {string.Join(", ", files.Select(f => f.FullName).Concat(stored.Select(r => r.Name)))} hold(s) no result. Give the results JSONL of a dotnet flask bench run or a test run (TestResults/flask/results.jsonl).");
            string text = parse.GetValue(format) switch
            {
                "html" => HtmlReport.Render(models),
                "json" => JsonSerializer.Serialize(models, ResultsJson.Indented) + "\n",
                _ => MarkdownReport.Render(models),
            };
            await CommandOutput.WriteAsync(parse.GetValue(output), text, "report", cancellationToken);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Streams every run once; results are grouped by model (the record's model, else the file name). A result repeated
    /// (same model and instance) counts once with a warning; a repeat with other scores is an error naming both lines.
    /// </summary>
    /// <summary>
    /// The runs asked for from the run history, oldest first; each is its own column, named by its model (or project)
    /// and run id, so that two runs of one model are not taken for repeats of each other.
    /// </summary>
    private static IReadOnlyList<(string Name, IEnumerable<ScoredResponse> Results)> Stored(long[] ids, int? last, string? storeOption)
    {
        if (ids.Length == 0 && last is null)
            return [];
        if (last is < 1)
            throw new CliException($"--last must be at least 1, not {last}.");
        using RunStore store = CliStore.OpenExisting(storeOption);
        IEnumerable<RunInfo> runs = ids.Select(id => store.Find(id) ?? throw new CliException($"No run {id} in {store.Path}; dotnet flask runs --store {store.Path} lists them."));
        if (last is { } n)
            runs = runs.Concat(store.List(new RunFilter { Last = n }).Reverse());
        return [.. runs.DistinctBy(r => r.Id).Select(r => (Name: $"run {r.Id}", Results: (IEnumerable<ScoredResponse>)
            [.. store.Results(r.Id).Select(x => x with { Model = $"{x.Model ?? r.Project} (run {r.Id})" })]))];
    }

    public static IReadOnlyList<ModelAnalysis> Analyze(IEnumerable<FileInfo> runs, bool includeUnrequested = false,
        IEnumerable<(string Name, IEnumerable<ScoredResponse> Results)>? stored = null)
    {
        var analyses = new Dictionary<string, FlaskAnalysis>(StringComparer.Ordinal);
        var order = new List<string>();
        var distinct = new DistinctResults();
        foreach (FileInfo run in runs)
        {
            if (!run.Exists)
                throw new CliException($"File not found: {run.FullName}");
            string fallback = Path.GetFileNameWithoutExtension(run.Name);
            foreach (var (line, response) in ResultsJson.ReadNumberedLines(run.FullName))
            {
                string model = response.Model ?? fallback;
                if (!distinct.Add(model, response, run.FullName, line))
                    continue;
                if (!analyses.TryGetValue(model, out FlaskAnalysis? analysis))
                {
                    analyses[model] = analysis = new FlaskAnalysis(model, includeUnrequested);
                    order.Add(model);
                }
                analysis.Add(response);
            }
        }
        foreach (var (name, results) in stored ?? [])
        {
            int line = 0;
            foreach (ScoredResponse response in results)
            {
                line++;
                if (!distinct.Add(response.Model!, response, name, line))
                    continue;
                if (!analyses.TryGetValue(response.Model!, out FlaskAnalysis? analysis))
                {
                    analyses[response.Model!] = analysis = new FlaskAnalysis(response.Model!, includeUnrequested);
                    order.Add(response.Model!);
                }
                analysis.Add(response);
            }
        }
        foreach (string warning in distinct.Warnings())
            Console.Error.WriteLine(warning);
        return [.. order.Select(m => analyses[m].Result())];
    }
}
