using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Cli.History;
using Flask.Cli.Json;
using Flask.Cli.Reports;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary><c>dotnet flask compare A B</c>: two runs side by side, per skill (the gate's numbers) and per test.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("before") { Description = "The earlier run: a results JSONL file or a run id (dotnet flask runs)." };
        var second = new Argument<string>("after") { Description = "The later run: a results JSONL file or a run id." };
        var format = new Option<string>("--format") { Description = "md, json or html.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var output = new Option<FileInfo?>("--out") { Description = "Write the comparison here (default: the console)." };
        var tolerance = new Option<string?>("--tolerance") { Description = $"The smallest mean drop (score points) the gate counts (default: {FlaskSettings.GateToleranceVariable}, else {new GateOptions().Tolerance.ToString(CultureInfo.InvariantCulture)})." };
        var store = CliStore.Option();
        var command = new Command("compare", "Compare two runs: per skill the means, paired difference, interval and gate verdict; per test the skills that moved, with both responses and feedbacks (docs/history.md).")
        {
            first, second, format, output, tolerance, store,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            // One settings read: the store (--store over FLASK_HISTORY) and the gate's options as `dotnet flask gate`
            // reads them (FLASK_GATE_TOLERANCE, overridden by --tolerance).
            FlaskSettings settings = CliSettings.Read([new(FlaskSettings.GateToleranceVariable, tolerance.Name, parse.GetValue(tolerance)), CliStore.Override(parse, store)]);
            RunStore? runStore = null;
            try
            {
                RunSource before = RunSource.Resolve(parse.GetValue(first)!, ref runStore, settings);
                RunSource after = RunSource.Resolve(parse.GetValue(second)!, ref runStore, settings);
                foreach (RunSource side in new[] { before, after }.Where(s => s.Results.Count == 0))
                    throw new CliException($"Nothing to compare: {side.Name} holds no result.");
                RunComparison comparison = RunComparison.Of(before.Results, after.Results, before.Name, after.Name, settings.Gate);
                // A side from the store that did not judge everything it selected is said first: its missing tests are
                // "only in one run", not a change (docs/history.md).
                string[] incomplete = [.. new[] { before, after }.Select(s => s.Run?.IncompleteNote).OfType<string>()];
                string text = parse.GetValue(format) switch
                {
                    "html" => CompareHtml.Render(comparison, before.Name, after.Name, History(runStore, after, comparison), incomplete),
                    "json" => CliJson.Serialize(new ComparisonDocument(
                        before.Name, after.Name, incomplete, comparison.Gate.Passed, comparison.Gate.Skills, comparison.Gate.TooFewPairs, comparison.Gate.Pairing,
                        [.. comparison.Changes.Select(c => new ComparisonChange(c.Id, c.Kind, c.LargestDrop, c.Moves, c.Before, c.After))],
                        comparison.Unchanged, comparison.OnlyBefore, comparison.OnlyAfter, comparison.NotCompared), CliJson.Indented) + "\n",
                    _ => CompareMarkdown.Render(comparison, before.Name, after.Name, incomplete),
                };
                await CommandOutput.WriteAsync(parse.GetValue(output), text, "comparison", cancellationToken);
                return CliRunner.Success;
            }
            finally
            {
                runStore?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>
    /// The moved tests' score history when the later side is a run from the store: the last <see cref="TrendCharts.HistoryRuns"/>
    /// runs of its project up to it; null when it is a file (no history to draw from).
    /// </summary>
    private static ScoreHistory? History(RunStore? store, RunSource after, RunComparison comparison) =>
        store is not null && after.Run is { } run
            ? CliStore.Read(store, s => ScoreHistory.Of(s, new RunFilter { Project = run.Project, Before = run.Id + 1, Last = TrendCharts.HistoryRuns }, comparison.Changes.Select(c => c.Id)))
            : null;
}
