using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Flask.Cli.Analysis;
using Flask.Cli.History;
using Flask.Cli.Json;
using Flask.Cli.Reports;
using Flask.Cli.Rubrics;
using Flask.Testing;
using Flask.Testing.Pricing;
using Flask.Testing.Analysis;

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
        var prices = CliPrices.Option();
        var rubrics = RubricCatalog.Option();
        var format = new Option<string>("--format") { Description = "html, md or json.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("html", "md", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the report here (default: the console)." };
        var includeUnrequested = new Option<bool>("--include-unrequested") { Description = "Average scores the judge gave for skills not requested under their skills, as FLASK's aggregation does (default: counted, not averaged)." };
        var maxResponses = new Option<int>("--max-responses") { Description = $"html: responses listed in the drill-down, in all, shared evenly between models (default {HtmlReport.DefaultMaxResponses}; 0 for none).", DefaultValueFactory = _ => HtmlReport.DefaultMaxResponses };
        maxResponses.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("--max-responses must be 0 or more.");
        });
        var command = new Command("report", "FLASK's analysis per skill, ability, domain, difficulty, skill × difficulty and expert level (difficulty 5), with counts and confidence intervals.")
        {
            runs, format, output, includeUnrequested, maxResponses, runIds, last, store, prices, rubrics,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            FileInfo[] files = parse.GetValue(runs) ?? [];
            FlaskSettings settings = CliSettings.Read([CliPrices.Override(parse, prices), CliStore.Override(parse, store)]);
            IReadOnlyList<StoredRun> stored = Stored(parse.GetValue(runIds) ?? [], parse.GetValue(last), settings);
            if (files.Length == 0 && stored.Count == 0)
                throw new CliException("Give results JSONL files, --run ID or --last N (see dotnet flask report --help).");
            PriceTable priceTable = PriceTable.Load(settings.Prices);
            // The catalog orders skills and abilities (a team's BrandVoice among its ability's skills) and names unrequested keys.
            SkillCatalog catalog = RubricCatalog.Load(parse, rubrics);
            var facts = new RunFacts();
            IReadOnlyList<ModelAnalysis> models = Analyze(files, catalog, parse.GetValue(includeUnrequested), facts, stored);
            if (models.Count == 0)
                throw new CliException($"Nothing to report: {string.Join(", ", files.Select(f => f.FullName).Concat(stored.Select(r => r.Name)))} hold(s) no result. Give the results JSONL of a dotnet flask bench run or a test run (TestResults/flask/results.jsonl).");
            // Money is derived when the report is written, from each result's judge model and tokens (docs/cli.md, Cost).
            models = [.. models.Select(m => m with { Cost = facts.Of(m.Model).Cost(priceTable), CostUsd = facts.Of(m.Model).Usd(priceTable) })];
            // The HTML page streams the responses in (a second pass over the files); the others are small texts.
            Func<TextWriter, Task> write = parse.GetValue(format) switch
            {
                "html" => writer => HtmlReport.WriteAsync(writer, models, facts, priceTable,
                    Read(files, new DistinctResults()).Select(r => (r.Model, r.Response)).Concat(stored.SelectMany(r => r.Results.Select(x => (x.Model!, x)))),
                    parse.GetValue(maxResponses), cancellationToken, Histories(stored)),
                "json" => writer => writer.WriteAsync((CliJson.Serialize(models, CliJson.Indented) + "\n").AsMemory(), cancellationToken),
                _ => writer => writer.WriteAsync((MarkdownReport.Render(models) + MarkdownReport.Cost(models, priceTable, "FLASK_PRICES or --prices")).AsMemory(), cancellationToken),
            };
            await CommandOutput.WriteAsync(parse.GetValue(output), write, "report");
            // The job summary is Markdown whatever --format is: it is what the CI page shows.
            CiJobSummary.Publish(MarkdownReport.Render(models), "FLASK report", Console.Out, Console.Error);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The runs asked for from the run history, oldest first; each is its own column, named by its model (or project)
    /// and run id, so that two runs of one model are not taken for repeats of each other.
    /// </summary>
    private static IReadOnlyList<StoredRun> Stored(long[] ids, int? last, FlaskSettings settings)
    {
        if (ids.Length == 0 && last is null)
            return [];
        if (last is < 1)
            throw new CliException($"--last must be at least 1, not {last}.");
        using RunStore opened = CliStore.OpenExisting(settings);
        return CliStore.Read(opened, store =>
        {
            IEnumerable<RunInfo> runs = ids.Select(id => store.Find(id) ?? throw new CliException($"No run {id} in {store.Path}; dotnet flask runs --store {store.Path} lists them."));
            if (last is { } n)
                runs = runs.Concat(store.List(new RunFilter { Last = n }).Reverse());
            return (IReadOnlyList<StoredRun>)[.. runs.DistinctBy(r => r.Id).Select(r =>
            {
                // A run known not to have judged everything it selected says so in its column's name, wherever the report shows it.
                string name = r.Ending is not null && !r.IsComplete ? $"run {r.Id}, {r.Completeness}" : $"run {r.Id}";
                ScoredResponse[] results = [.. store.Results(r.Id).Select(x => x with { Model = $"{x.Model ?? r.Project} ({name})" })];
                // Each test's scores in the last runs of the run's project up to it: the drill-down's sparklines.
                ScoreHistory history = ScoreHistory.Of(store, new RunFilter { Project = r.Project, Before = r.Id + 1, Last = TrendCharts.HistoryRuns }, results.Select(x => x.Id));
                return new StoredRun($"run {r.Id}", r.RecordedAt.UtcDateTime, results, history, r, store.Path);
            })];
        });
    }

    /// <summary>Per model column of the runs from the store, its run's score history.</summary>
    private static Dictionary<string, ScoreHistory> Histories(IReadOnlyList<StoredRun> stored) =>
        stored.Where(r => r.History is not null)
            .SelectMany(r => r.Results.Select(x => x.Model!).Distinct(StringComparer.Ordinal).Select(model => (model, r.History!)))
            .ToDictionary(p => p.model, p => p.Item2, StringComparer.Ordinal);

    /// <summary>
    /// Streams every run once; results are grouped by model (the record's model, else the file name). A result repeated
    /// (same model and instance) counts once with a warning; a repeat with other scores is an error naming both lines.
    /// </summary>
    public static IReadOnlyList<ModelAnalysis> Analyze(IEnumerable<FileInfo> runs, SkillCatalog catalog, bool includeUnrequested = false, RunFacts? facts = null,
        IEnumerable<StoredRun>? stored = null)
    {
        var analyses = new Dictionary<string, FlaskAnalysis>(StringComparer.Ordinal);
        var order = new List<string>();
        var distinct = new DistinctResults();
        foreach (var (run, model, response) in Read(runs, distinct, facts))
        {
            if (!analyses.TryGetValue(model, out FlaskAnalysis? analysis))
            {
                analyses[model] = analysis = new FlaskAnalysis(model, catalog, includeUnrequested);
                order.Add(model);
            }
            analysis.Add(response);
            facts?.Add(model, response);
        }
        foreach (var (name, recorded, results, _, run, store) in stored ?? [])
        {
            facts?.BeginSource(name, recorded, run, store);
            int line = 0;
            foreach (ScoredResponse response in results)
            {
                line++;
                if (!distinct.Add(response.Model!, response, name, line))
                    continue;
                if (!analyses.TryGetValue(response.Model!, out FlaskAnalysis? analysis))
                {
                    analyses[response.Model!] = analysis = new FlaskAnalysis(response.Model!, catalog, includeUnrequested);
                    order.Add(response.Model!);
                }
                analysis.Add(response);
                facts?.Add(response.Model!, response);
            }
        }
        foreach (string warning in distinct.Warnings())
            Console.Error.WriteLine(warning);
        return [.. order.Select(m => analyses[m].Result())];
    }

    /// <summary>The distinct results of <paramref name="runs"/>, each with its model (the record's, else the file name).</summary>
    private static IEnumerable<(FileInfo File, string Model, ScoredResponse Response)> Read(IEnumerable<FileInfo> runs, DistinctResults distinct, RunFacts? facts = null)
    {
        foreach (FileInfo run in runs)
        {
            if (!run.Exists)
                throw new CliException($"File not found: {run.FullName}");
            facts?.BeginFile(run);
            foreach (var (line, response) in ResultsJson.ReadNumberedLines(run.FullName))
            {
                string model = FlaskAnalysis.ModelOf(response, run.Name);
                if (distinct.Add(model, response, run.FullName, line))
                    yield return (run, model, response);
            }
        }
    }

    /// <summary>A run from the run history, reported as its own column.</summary>
    /// <param name="Name">How it is named ("run 12").</param>
    /// <param name="Recorded">When it was recorded (UTC).</param>
    /// <param name="Results">Its results, each named by its model (or project) and run id.</param>
    /// <param name="History">Its tests' score histories in its project's runs up to it (null when not read).</param>
    /// <param name="Run">Its record in the store: project, checkout, fingerprints (shown on the page).</param>
    /// <param name="Store">The store it was read from.</param>
    internal sealed record StoredRun(string Name, DateTime Recorded, IReadOnlyList<ScoredResponse> Results, ScoreHistory? History = null, RunInfo? Run = null, string? Store = null);
}
