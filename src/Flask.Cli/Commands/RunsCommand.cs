using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Flask.Cli.History;
using Flask.Cli.Json;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask runs</c>: lists the runs in the run history, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var project = new Option<string?>("--project") { Description = "Only runs of this project (exact)." };
        var model = new Option<string?>("--model") { Description = "Only runs that judged this model, or were judged by it (exact)." };
        var branch = new Option<string?>("--branch") { Description = "Only runs on this git branch (exact)." };
        var last = new Option<int?>("--last") { Description = "Only the newest N runs." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var store = CliStore.Option();
        var command = new Command("runs", "List the runs in the run history, newest first (docs/history.md).") { project, model, branch, last, format, store };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            if (parse.GetValue(last) is < 1 and var bad)
                throw new CliException($"--last must be at least 1, not {bad}.");
            using RunStore runStore = CliStore.OpenExisting(CliSettings.Read([CliStore.Override(parse, store)]));
            IReadOnlyList<RunInfo> runs = CliStore.Read(runStore, s => s.List(new RunFilter
            {
                Project = parse.GetValue(project),
                Model = parse.GetValue(model),
                Branch = parse.GetValue(branch),
                Last = parse.GetValue(last),
            }));
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(CliJson.Serialize(runs, CliJson.Indented));
                return Task.FromResult(CliRunner.Success);
            }
            if (runs.Count == 0)
            {
                CliRunner.Line($"No runs in {runStore.Path} match.");
                return Task.FromResult(CliRunner.Success);
            }
            CliRunner.Line("id\trecorded (UTC)\tproject\tsource\tbranch@commit\tmodels\tjudge\tresults\tscored/n-a/judge errors\ttokens in/out\tdataset\trubrics\ttool\tcompleteness");
            foreach (RunInfo run in runs)
            {
                CliRunner.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Id}\t{run.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}\t{Field(run.Project)}\t{run.Source}\t{Field(run.Branch ?? "-")}@{(run.Commit is { } c ? c[..Math.Min(7, c.Length)] : "-")}\t" +
                    $"{(run.Models.Length > 0 ? Field(run.Models) : "-")}\t{Field(run.JudgeModels)}\t{run.Results}\t{run.Scored}/{run.NotApplicable}/{run.JudgeErrors}\t" +
                    $"{run.InputTokens}/{run.OutputTokens}\t{run.DatasetFingerprint}\t{run.RubricFingerprint ?? "-"}\t{run.ToolVersion}\t{run.Completeness}"));
            }
            return Task.FromResult(CliRunner.Success);
        }));
        return command;
    }

    /// <summary>A field from data (a project, model or branch name) as one tab-free line, never a CI workflow command.</summary>
    private static string Field(string value) => WorkflowCommandText.OneLine(value).Replace('\t', ' ');
}
