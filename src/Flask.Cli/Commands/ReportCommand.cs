using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Cli.Analysis;
using Flask.Cli.Reports;
using Flask.Testing;
using Flask.Testing.Analysis;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask report</c>: FLASK's fine-grained analysis of one or more runs, models side by side.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<FileInfo[]>("runs") { Description = "Results JSONL files of dotnet flask bench (or TestResults/flask/results.jsonl). Files of one model (shards) are merged.", Arity = ArgumentArity.OneOrMore };
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
            runs, format, output, includeUnrequested, maxResponses,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            FileInfo[] files = parse.GetValue(runs)!;
            var facts = new RunFacts();
            IReadOnlyList<ModelAnalysis> models = Analyze(files, parse.GetValue(includeUnrequested), facts);
            if (models.Count == 0)
                throw new CliException($"Nothing to report: {string.Join(", ", files.Select(f => f.FullName))} hold(s) no result. Give the results JSONL of a dotnet flask bench run or a test run (TestResults/flask/results.jsonl).");
            // The HTML page streams the responses in (a second pass over the files); the others are small texts.
            Func<TextWriter, Task> write = parse.GetValue(format) switch
            {
                "html" => writer => HtmlReport.WriteAsync(writer, models, facts, Read(files, new DistinctResults()).Select(r => (r.Model, r.Response)), parse.GetValue(maxResponses), cancellationToken),
                "json" => writer => writer.WriteAsync((JsonSerializer.Serialize(models, ResultsJson.Indented) + "\n").AsMemory(), cancellationToken),
                _ => writer => writer.WriteAsync(MarkdownReport.Render(models).AsMemory(), cancellationToken),
            };
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    await using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    await write(writer);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"Cannot write the report {file.FullName}: {e.Message.Split('\n')[0]} Give --out a writable file path.");
                }
                CliRunner.Line($"Report: {file.FullName}");
            }
            else
            {
                await write(Console.Out);
            }
            // The job summary is Markdown whatever --format is: it is what the CI page shows.
            CiJobSummary.Publish(MarkdownReport.Render(models), "FLASK report", Console.Out, Console.Error);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Streams every run once; results are grouped by model (the record's model, else the file name). A result repeated
    /// (same model and instance) counts once with a warning; a repeat with other scores is an error naming both lines.
    /// </summary>
    public static IReadOnlyList<ModelAnalysis> Analyze(IEnumerable<FileInfo> runs, bool includeUnrequested = false, RunFacts? facts = null)
    {
        var analyses = new Dictionary<string, FlaskAnalysis>(StringComparer.Ordinal);
        var order = new List<string>();
        var distinct = new DistinctResults();
        foreach (var (run, model, response) in Read(runs, distinct, facts))
        {
            if (!analyses.TryGetValue(model, out FlaskAnalysis? analysis))
            {
                analyses[model] = analysis = new FlaskAnalysis(model, FlaskSkills.Catalog, includeUnrequested);
                order.Add(model);
            }
            analysis.Add(response);
            facts?.Add(model, response);
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
}
