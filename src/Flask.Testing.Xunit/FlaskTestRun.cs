using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.Analysis;
using Flask.Testing.Pricing;
using Flask.Testing.Results;
using Xunit;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// The assembly fixture (added by the package) that owns a FLASK test run: it starts the run's results file, takes
/// every judged response as its test finishes, and closes the run: it writes the summary, then either updates the
/// baseline (FLASK_UPDATE_BASELINE=true) or compares the run with it and fails the run on a regression.
/// </summary>
public sealed class FlaskTestRun : IAsyncDisposable
{
    private readonly Assembly _assembly;
    private readonly string _directory;
    private readonly string _resultsPath;
    private readonly ResultsFile? _results;
    private readonly string? _historyPath;
    private readonly RunRecording? _recording;
    private readonly ConcurrentQueue<ScoredResponse> _responses = new();
    private readonly ConcurrentQueue<(string Test, string Reason)> _notJudged = new();
    private readonly FlaskTestJudge? _judge;
    private readonly FormatException? _settingsError;

    /// <summary>Starts the run of the test assembly xUnit is running: an empty results file.</summary>
    /// <exception cref="InvalidOperationException">Not created by xUnit v3 for a test assembly.</exception>
    /// <exception cref="IOException">The results file cannot be written.</exception>
    public FlaskTestRun()
    {
        _assembly = TestContext.Current.TestAssembly is IXunitTestAssembly { Assembly: { } assembly }
            ? assembly
            : throw new InvalidOperationException("FlaskTestRun is an xUnit v3 assembly fixture: the Flask.Testing.Xunit package registers it with [assembly: AssemblyFixture(typeof(FlaskTestRun))].");
        // The run owns its judge. Settings that cannot be read fail every FLASK test with their message; nothing is
        // judged, so no results file.
        try
        {
            _judge = FlaskTestJudge.Create(_assembly);
        }
        catch (FormatException e)
        {
            _settingsError = e;
            _directory = _resultsPath = string.Empty;
            return;
        }
        _directory = FlaskTestPaths.ResultsDirectory(_assembly, _judge.Run);
        _resultsPath = Path.Combine(_directory, "results.jsonl");
        // The run history records each result from the line the results file wrote (the store found once, here).
        _historyPath = RunHistory.Location(_judge.Run.History, _directory, FlaskTestPaths.ProjectDirectory(_assembly));
        if (_historyPath is not null)
            _recording = new RunRecording();
        _results = ResultsFile.Open(_resultsPath, append: false, _recording);
        // A new run: the last run's summary must never stand beside this run's results (a run that judges nothing
        // would otherwise leave green numbers from another judge in place).
        File.Delete(Path.Combine(_directory, "summary.md"));
        File.Delete(Path.Combine(_directory, "summary.json"));
    }

    /// <summary>The run of the test that is running.</summary>
    internal static async ValueTask<FlaskTestRun> CurrentAsync(ITestContext context) =>
        await context.GetFixture<FlaskTestRun>().ConfigureAwait(false)
            ?? throw new InvalidOperationException("No FLASK test run: the assembly fixture FlaskTestRun is not registered. The Flask.Testing.Xunit package adds [assembly: AssemblyFixture(typeof(FlaskTestRun))] to a test project; add it by hand if its build files are not imported.");

    /// <summary>The run's judge and settings.</summary>
    /// <remarks>A setting that could not be read fails every FLASK test with its one line: a user error, so an assertion
    /// failure (as "was not judged" is), never the FormatException with its stack traces.</remarks>
    internal FlaskTestJudge Judge
    {
        get
        {
            if (_judge is null)
                Assert.Fail(_settingsError!.Message);
            return _judge;
        }
    }

    /// <summary>
    /// Appends <paramref name="response"/> to the results file at once, and keeps it for the summary and the gate: a
    /// result the file could not take (IOException) is in neither, so that the summary, the gate and the run history
    /// agree (the caller counts its test as not judged).
    /// </summary>
    internal void Record(ScoredResponse response)
    {
        _results!.Append(response);
        _responses.Enqueue(response);
    }

    /// <summary>The tests that ran without being judged, counted and named (the first 20), or empty.</summary>
    private string NotJudgedSection()
    {
        (string Test, string Reason)[] tests = [.. _notJudged];
        if (tests.Length == 0)
            return string.Empty;
        var text = new System.Text.StringBuilder(FormattableString.Invariant($"\n## Not judged\n\n{tests.Length} test(s) ran without being judged (skipped or failed for it):\n\n"));
        foreach (var (test, reason) in tests.OrderBy(t => t.Test, StringComparer.Ordinal).Take(20))
            text.Append("- ").Append(MarkdownReport.Escape(test)).Append(": ").Append(MarkdownReport.Escape(reason.Length > 200 ? reason[..200] + "…" : reason)).Append('\n');
        if (tests.Length > 20)
            text.Append(FormattableString.Invariant($"- … and {tests.Length - 20} more\n"));
        return text.ToString();
    }

    /// <summary>Notes that <paramref name="test"/> ran but its skills were not judged (skipped or failed for it), for the summary.</summary>
    internal void NotJudged(string test, string reason) => _notJudged.Enqueue((test, reason));

    /// <summary>Writes the summary and applies the baseline and the regression gate.</summary>
    /// <exception cref="FlaskRegressionException">A skill regressed against the baseline (under dotnet test, reported as
    /// one failed "FLASK regression gate" node instead).</exception>
    public ValueTask DisposeAsync()
    {
        _results?.Dispose();
        ScoredResponse[] responses = [.. _responses];
        string notJudged = NotJudgedSection();
        if (responses.Length == 0)
        {
            if (notJudged.Length > 0)
            {
                string nothing = $"# FLASK results\n\nNo response was judged in this run.\n{notJudged}";
                File.WriteAllText(Path.Combine(_directory, "summary.md"), nothing);
                Console.WriteLine(nothing);
                CiJobSummary.Publish(nothing, "FLASK tests", Console.Out, Console.Error);
            }
            if (_judge is { Run.UpdateBaseline: true } && notJudged.Length > 0)
                throw new InvalidOperationException($"FLASK: {FlaskSettings.UpdateBaselineVariable} is set but no response was judged, so no baseline was written.");
            return ValueTask.CompletedTask;
        }
        SkillCatalog catalog = SkillCatalogAttribute.Of(_assembly)
            ?? throw new InvalidOperationException($"The test assembly {_assembly.GetName().Name} has no FLASK rubrics, yet it judged responses.");
        // The one analysis and the one Markdown rendering: `dotnet flask report` shows the same tables for results.jsonl.
        var analysis = new FlaskAnalysis(FlaskAnalysis.ModelOf(responses[0], _resultsPath), catalog);
        foreach (ScoredResponse response in responses)
            analysis.Add(response);
        var (model, cost) = Priced(analysis.Result(), responses);
        ModelAnalysis[] models = [model];
        File.WriteAllText(Path.Combine(_directory, "summary.json"), JsonSerializer.Serialize(models, ResultsJson.Indented) + "\n");
        string markdown = $"{MarkdownReport.Render(models, "FLASK results")}{cost}\nEvery judged response: {_resultsPath}\n{notJudged}";

        FlaskTestJudge judge = Judge;
        string baselinePath = judge.Run.Baseline is { } configured
            ? FlaskTestPaths.Resolve(_assembly, configured)
            : Path.Combine(FlaskTestPaths.ProjectDirectory(_assembly), "flask-baseline.json");
        GateReport? gate = null;
        string? baselineError = null;
        if (judge.Run.UpdateBaseline)
            markdown += UpdateBaseline(baselinePath, responses);
        else if (File.Exists(baselinePath))
        {
            try
            {
                gate = RegressionGate.Compare(Baseline.Load(baselinePath), responses, judge.Gate);
                markdown += $"\n## Regression gate\n\nBaseline: {baselinePath}\n\n{gate.Describe()}\n";
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // The user's file (often a merge conflict): the run fails once with this line, after its summary and
                // history are written, never once per test as a cleanup failure.
                baselineError = $"FLASK regression gate not applied: {e.Message} Fix the file (a merge conflict?) or record it again with {FlaskSettings.UpdateBaselineVariable}=true dotnet test.";
                markdown += $"\n## Regression gate\n\n{MarkdownReport.Escape(baselineError)}\n";
            }
        }
        // A run cancelled (Ctrl+C, a stopped test session) still ends here: recorded as cancelled, never as complete.
        RunEnding ending = TestContext.Current.CancellationToken.IsCancellationRequested ? RunEnding.Cancelled : RunEnding.Completed;
        // The history's "Since run N" belongs in the CI job summary too: it is what a PR reviewer reads.
        string? history = _recording is null ? null : FlaskRunHistory.Record(_assembly, _historyPath!, _recording, _notJudged.Count, ending, judge);
        markdown += history;
        File.WriteAllText(Path.Combine(_directory, "summary.md"), markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"FLASK summary: {Path.Combine(_directory, "summary.md")}");
        CiJobSummary.Publish($"{MarkdownReport.Render(models, "FLASK results")}{cost}\n{gate?.ToMarkdown()}{(baselineError is null ? null : $"## FLASK regression gate: FAILED\n\n{MarkdownReport.Escape(baselineError)}\n")}{history}",
            "FLASK tests", Console.Out, Console.Error);

        // Under dotnet test the platform's gate node fails the run once; elsewhere (xUnit's own runner) the cleanup
        // failure is already reported once.
        if (gate is { Passed: false } && !FlaskGateHandoff.TryHandOver(gate))
            throw new FlaskRegressionException(gate);
        if (baselineError is not null && !FlaskGateHandoff.TryHandOver(baselineError))
            throw new InvalidDataException(baselineError);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Updates the baseline with this run's scores (FLASK_UPDATE_BASELINE=true): the tests that ran get their new
    /// entries, the others keep theirs (a filtered run re-records only its tests). Returns the summary's line.
    /// </summary>
    private static string UpdateBaseline(string baselinePath, ScoredResponse[] responses)
    {
        Baseline scored = Baseline.From(responses);
        if (scored.Scores.Count == 0)
            throw new InvalidOperationException($"FLASK: {FlaskSettings.UpdateBaselineVariable} is set but no skill was scored in this run (judge errors or N/A only), so no baseline was written to {baselinePath}.");
        Baseline? existing = null;
        string unreadable = string.Empty;
        if (File.Exists(baselinePath))
        {
            try
            {
                existing = Baseline.Load(baselinePath);
            }
            catch (InvalidDataException e)
            {
                // Recording anew is the way out of a broken file (a merge conflict): say it was replaced, not merged.
                unreadable = $" The old file could not be read ({e.Message}), so it was replaced, not merged: check its diff.";
            }
        }
        Baseline updated = existing?.UpdatedWith(scored) ?? scored;
        updated.Save(baselinePath);
        int replaced = existing is null ? 0 : scored.Scores.Keys.Count(existing.Scores.ContainsKey);
        int kept = updated.Scores.Count - scored.Scores.Count;
        return FormattableString.Invariant(
            $"\nBaseline written to {baselinePath}: {scored.Scores.Count} test(s) recorded from this run ({scored.Scores.Count - replaced} new, {replaced} replaced), ") +
            FormattableString.Invariant($"{kept} kept from tests not scored in this run.{(kept > 0 ? " An entry of a deleted test stays until the file is recorded anew: delete it and run every test with " + FlaskSettings.UpdateBaselineVariable + "=true." : string.Empty)}{unreadable}\n");
    }

    /// <summary>
    /// The run's cost, derived as <c>dotnet flask report</c> derives it (docs/cli.md, Cost): <paramref name="model"/>
    /// with its cost, and the summary's Cost section. A price file that cannot be read (FLASK_PRICES) is named there
    /// in one line instead of a number; the scores stand.
    /// </summary>
    private (ModelAnalysis Model, string Markdown) Priced(ModelAnalysis model, ScoredResponse[] responses)
    {
        PriceTable prices;
        try
        {
            prices = PriceTable.Load(Judge.Prices);
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException)
        {
            return (model, $"\n## Cost\n\nNot computed: {MarkdownReport.Escape(e.Message)}\n");
        }
        var tokens = new JudgeTokens();
        foreach (ScoredResponse response in responses)
            tokens.Add(response);
        ModelAnalysis priced = model with { Cost = tokens.Cost(prices), CostUsd = tokens.Usd(prices) };
        return (priced, MarkdownReport.Cost([priced], prices, FlaskSettings.PricesVariable));
    }
}
