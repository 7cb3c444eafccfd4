using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Flask.Cli.History;
using Flask.Cli.Json;
using Flask.Cli.Reports;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask trend</c>: per skill, the mean of each of the last N runs in the run history (docs/history.md).</summary>
internal static class TrendCommand
{
    /// <summary>Runs in a trend unless <c>--last</c> says otherwise.</summary>
    public const int DefaultLast = 20;

    public static Command Create()
    {
        var project = new Option<string?>("--project") { Description = "Only runs of this project (exact)." };
        var model = new Option<string?>("--model") { Description = "Only runs that judged this model, or were judged by it (exact)." };
        var branch = new Option<string?>("--branch") { Description = "Only runs on this git branch (exact)." };
        var last = new Option<int>("--last") { Description = $"The newest N runs that match (default {DefaultLast}).", DefaultValueFactory = _ => DefaultLast };
        var baseline = new Option<FileInfo?>("--baseline") { Description = "The gate's baseline to mark: a flask-baseline.json or a results JSONL run, as for dotnet flask gate." };
        var tolerance = new Option<string?>("--tolerance") { Description = $"The gate's tolerance, marked below the baseline (default: {FlaskSettings.GateToleranceVariable}, else {new GateOptions().Tolerance.ToString(CultureInfo.InvariantCulture)})." };
        var format = new Option<string>("--format") { Description = "md, json or html.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var output = new Option<FileInfo?>("--out") { Description = "Write the trend here (default: the console)." };
        var store = CliStore.Option();
        var command = new Command("trend", "Per skill, the mean score of each of the last N runs in the run history, with the gate's baseline marked (docs/history.md).")
        {
            project, model, branch, last, baseline, tolerance, format, output, store,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            if (parse.GetValue(last) is < 1 and var bad)
                throw new CliException($"--last must be at least 1, not {bad}.");
            FlaskSettings settings = CliSettings.Read([new(FlaskSettings.GateToleranceVariable, tolerance.Name, parse.GetValue(tolerance)), CliStore.Override(parse, store)]);
            GateOptions gate = settings.Gate;
            Baseline? marked = null;
            if (parse.GetValue(baseline) is { } file)
            {
                if (!file.Exists)
                    throw new CliException($"File not found: {file.FullName} (--baseline: a flask-baseline.json or a results JSONL file).");
                marked = Baseline.Read(file.FullName);
            }
            var filter = new RunFilter { Project = parse.GetValue(project), Model = parse.GetValue(model), Branch = parse.GetValue(branch), Last = parse.GetValue(last) };
            RunTrend trend;
            string path;
            string defaulted = string.Empty;
            using (RunStore runStore = CliStore.OpenExisting(settings))
            {
                path = runStore.Path;
                // One line per skill is one project's (and one judged model's) trend: a store holding several would
                // otherwise draw gpt4 → vicuna as a "trend". Unless given, both are the newest matching run's, said in the title.
                if (CliStore.Read(runStore, s => s.List(filter with { Last = 1 })) is [var newest])
                {
                    var chosen = new List<string>();
                    if (filter.Project is null)
                    {
                        filter = filter with { Project = newest.Project };
                        chosen.Add("project");
                    }
                    if (filter.Model is null && newest.Models is { Length: > 0 } models && !models.Contains(',', StringComparison.Ordinal))
                    {
                        filter = filter with { Model = models };
                        chosen.Add("model");
                    }
                    if (chosen.Count > 0)
                        defaulted = $" ({string.Join(" and ", chosen)} of the newest run; --{string.Join(", --", chosen)} for another)";
                }
                trend = CliStore.Read(runStore, s => RunTrend.Of(s, filter, FlaskSkills.Catalog, marked, gate));
            }
            if (trend.Runs.Count == 0)
                throw new CliException($"No runs in {path} match{Describe(filter, withLast: false) switch { "" => string.Empty, var d => $" {d}" }}; dotnet flask runs --store {path} lists them.");
            string title = Describe(filter, withLast: true) + defaulted;
            string text = parse.GetValue(format) switch
            {
                "html" => TrendHtml.Render(trend, title),
                "json" => CliJson.Serialize(new TrendDocument(path, title, trend.Tolerance, trend.Runs, trend.Skills), CliJson.Indented) + "\n",
                _ => TrendMarkdown.Render(trend, title),
            };
            await CommandOutput.WriteAsync(parse.GetValue(output), text, "trend", cancellationToken);
            return CliRunner.Success;
        }));
        return command;
    }

    /// <summary>The selection in words: "project App.Tests, branch main, the last 20 runs".</summary>
    private static string Describe(RunFilter filter, bool withLast)
    {
        var parts = new List<string>();
        if (filter.Project is { } p)
            parts.Add($"project {p}");
        if (filter.Model is { } m)
            parts.Add($"model {m}");
        if (filter.Branch is { } b)
            parts.Add($"branch {b}");
        if (withLast)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"the last {filter.Last} runs"));
        return string.Join(", ", parts);
    }
}
