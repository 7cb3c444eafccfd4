using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
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
        var command = new Command("report", "FLASK's analysis per skill, ability, domain, difficulty, skill × difficulty and expert level (difficulty 5), with counts and confidence intervals.")
        {
            runs, format, output, includeUnrequested,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            IReadOnlyList<ModelAnalysis> models = Analyze(parse.GetValue(runs)!, parse.GetValue(includeUnrequested));
            if (models.Count == 0)
                throw new CliException($"Nothing to report: {string.Join(", ", parse.GetValue(runs)!.Select(f => f.FullName))} hold(s) no result. Give the results JSONL of a dotnet flask bench run or a test run (TestResults/flask/results.jsonl).");
            string text = parse.GetValue(format) switch
            {
                "html" => HtmlReport.Render(models),
                "json" => JsonSerializer.Serialize(models, ResultsJson.Indented) + "\n",
                _ => MarkdownReport.Render(models),
            };
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    await File.WriteAllTextAsync(file.FullName, text, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"Cannot write the report {file.FullName}: {e.Message.Split('\n')[0]} Give --out a writable file path.");
                }
                CliRunner.Line($"Report: {file.FullName}");
            }
            else
                Console.Write(text);
            // The job summary is Markdown whatever --format is: it is what the CI page shows.
            CiJobSummary.Publish(parse.GetValue(format) == "md" ? text : MarkdownReport.Render(models), "FLASK report", Console.Out, Console.Error);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Streams every run once; results are grouped by model (the record's model, else the file name). A result repeated
    /// (same model and instance) counts once with a warning; a repeat with other scores is an error naming both lines.
    /// </summary>
    public static IReadOnlyList<ModelAnalysis> Analyze(IEnumerable<FileInfo> runs, bool includeUnrequested = false)
    {
        var analyses = new Dictionary<string, FlaskAnalysis>(StringComparer.Ordinal);
        var order = new List<string>();
        var distinct = new DistinctResults();
        foreach (FileInfo run in runs)
        {
            if (!run.Exists)
                throw new CliException($"File not found: {run.FullName}");
            foreach (var (line, response) in ResultsJson.ReadNumberedLines(run.FullName))
            {
                string model = FlaskAnalysis.ModelOf(response, run.Name);
                if (!distinct.Add(model, response, run.FullName, line))
                    continue;
                if (!analyses.TryGetValue(model, out FlaskAnalysis? analysis))
                {
                    analyses[model] = analysis = new FlaskAnalysis(model, FlaskSkills.Catalog, includeUnrequested);
                    order.Add(model);
                }
                analysis.Add(response);
            }
        }
        foreach (string warning in distinct.Warnings())
            Console.Error.WriteLine(warning);
        return [.. order.Select(m => analyses[m].Result())];
    }
}
