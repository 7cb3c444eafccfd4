using System;
using System.Globalization;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask gate</c>: compare a run with a baseline run; exit 1 on a statistically significant skill regression.</summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var baseline = new Option<FileInfo>("--baseline") { Description = "The baseline: a results JSONL run, or a flask-baseline.json.", Required = true };
        var current = new Option<FileInfo>("--current") { Description = "The run to check (results JSONL).", Required = true };
        var tolerance = new Option<string?>("--tolerance") { Description = $"The smallest mean drop (score points) that fails (default: {FlaskSettings.GateToleranceVariable}, else {new GateOptions().Tolerance.ToString(CultureInfo.InvariantCulture)})." };
        var annotations = new Option<string>("--annotations") { Description = "auto, github, azure or none: CI annotations for regressions.", DefaultValueFactory = _ => "auto" };
        annotations.AcceptOnlyFromAmong("auto", "github", "azure", "none");
        var command = new Command("gate", "Compare a run with a baseline by a paired bootstrap per skill (docs/statistics.md); exit 1 on a regression.")
        {
            baseline, current, tolerance, annotations,
        };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            GateOptions options = CliSettings.Read([new(FlaskSettings.GateToleranceVariable, tolerance.Name, parse.GetValue(tolerance))]).Gate;
            FileInfo baselineFile = parse.GetValue(baseline)!, currentFile = parse.GetValue(current)!;
            foreach (FileInfo file in new[] { baselineFile, currentFile }.Where(f => !f.Exists))
                throw new CliException($"File not found: {file.FullName}");
            Baseline before = Baseline.Read(baselineFile.FullName);
            if (before.Scores.Count == 0)
                throw new CliException($"Nothing to compare with: the baseline {baselineFile.FullName} holds no scored result (recorded from a run that judged nothing). Record it again from a judged run.");
            List<ScoredResponse> now = [.. ResultsJson.ReadLines(currentFile.FullName)];
            if (now.Count == 0)
                throw new CliException($"Nothing to compare: {currentFile.FullName} holds no result. Give the results JSONL of the run to gate.");
            GateReport report = RegressionGate.Compare(before, now, options);

            CliRunner.Line(report.Describe());
            CiJobSummary.Publish($"# FLASK gate\n\nBaseline `{RepositoryPaths.ForAnnotation(baselineFile.FullName)}`, current `{RepositoryPaths.ForAnnotation(currentFile.FullName)}`.\n\n{report.ToMarkdown()}",
                "FLASK gate", Console.Out, Console.Error);
            string annotated = RepositoryPaths.ForAnnotation(currentFile.FullName);
            string style = parse.GetValue(annotations)!;
            if (style == "auto")
                style = Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true" ? "github" : Environment.GetEnvironmentVariable("TF_BUILD") is { Length: > 0 } ? "azure" : "none";
            foreach (SkillComparison regression in report.Regressions)
            {
                string message = string.Create(CultureInfo.InvariantCulture, $"{regression.Name} fell from {regression.BaselineMean:0.00} to {regression.CurrentMean:0.00} over {regression.Pairs} instances; worst: {string.Join(", ", regression.WorseTests.Take(3))}");
                if (CiAnnotation.Error(style, annotated, $"FLASK regression: {regression.Name}", message) is { } line)
                    Console.WriteLine(line);
            }
            return Task.FromResult(report.Passed ? 0 : 1);
        }));
        return command;
    }
}
