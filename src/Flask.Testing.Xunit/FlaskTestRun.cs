using System;
using System.Collections.Concurrent;
using System.IO;
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
    private readonly ConcurrentQueue<ScoredResponse> _responses = new();

    /// <summary>Starts the run of the test assembly xUnit is running: an empty results file.</summary>
    /// <exception cref="InvalidOperationException">Not created by xUnit v3 for a test assembly.</exception>
    /// <exception cref="IOException">The results file cannot be written.</exception>
    public FlaskTestRun()
    {
        _assembly = TestContext.Current.TestAssembly is IXunitTestAssembly { Assembly: { } assembly }
            ? assembly
            : throw new InvalidOperationException("FlaskTestRun is an xUnit v3 assembly fixture: the Flask.Testing.Xunit package registers it with [assembly: AssemblyFixture(typeof(FlaskTestRun))].");
        // Settings that cannot be read fail every FLASK test with their message; nothing is judged, so no results file.
        if (FlaskTestJudge.TryFor(_assembly) is null)
        {
            _directory = _resultsPath = string.Empty;
            return;
        }
        _directory = FlaskTestPaths.ResultsDirectory(_assembly);
        _resultsPath = Path.Combine(_directory, "results.jsonl");
        _results = ResultsFile.Open(_resultsPath, append: false);
    }

    /// <summary>The run of the test that is running.</summary>
    internal static async ValueTask<FlaskTestRun> CurrentAsync(ITestContext context) =>
        await context.GetFixture<FlaskTestRun>().ConfigureAwait(false)
            ?? throw new InvalidOperationException("No FLASK test run: the assembly fixture FlaskTestRun is not registered. The Flask.Testing.Xunit package adds [assembly: AssemblyFixture(typeof(FlaskTestRun))] to a test project; add it by hand if its build files are not imported.");

    /// <summary>Keeps <paramref name="response"/> for the summary and the gate, and appends it to the results file at once.</summary>
    internal void Record(ScoredResponse response)
    {
        _responses.Enqueue(response);
        _results!.Append(response);
    }

    /// <summary>Writes the summary and applies the baseline and the regression gate.</summary>
    /// <exception cref="FlaskRegressionException">A skill regressed against the baseline (under dotnet test, reported as
    /// one failed "FLASK regression gate" node instead).</exception>
    public ValueTask DisposeAsync()
    {
        _results?.Dispose();
        ScoredResponse[] responses = [.. _responses];
        if (responses.Length == 0)
            return ValueTask.CompletedTask;
        SkillCatalog catalog = SkillCatalogAttribute.Of(_assembly)
            ?? throw new InvalidOperationException($"The test assembly {_assembly.GetName().Name} has no FLASK rubrics, yet it judged responses.");
        // The one analysis and the one Markdown rendering: `dotnet flask report` shows the same tables for results.jsonl.
        var analysis = new FlaskAnalysis(FlaskAnalysis.ModelOf(responses[0], _resultsPath), catalog);
        foreach (ScoredResponse response in responses)
            analysis.Add(response);
        var (model, cost) = Priced(analysis.Result(), responses);
        ModelAnalysis[] models = [model];
        File.WriteAllText(Path.Combine(_directory, "summary.json"), JsonSerializer.Serialize(models, ResultsJson.Indented) + "\n");
        string markdown = $"{MarkdownReport.Render(models, "FLASK results")}{cost}\nEvery judged response: {_resultsPath}\n";

        string baselinePath = FlaskTestJudge.For(_assembly).Run.Baseline is { } configured
            ? FlaskTestPaths.Resolve(_assembly, configured)
            : Path.Combine(FlaskTestPaths.ProjectDirectory(_assembly), "flask-baseline.json");
        GateReport? gate = null;
        if (FlaskTestJudge.For(_assembly).Run.UpdateBaseline)
        {
            Baseline.From(responses).Save(baselinePath);
            markdown += $"\nBaseline written to {baselinePath}.\n";
        }
        else if (File.Exists(baselinePath))
        {
            gate = RegressionGate.Compare(Baseline.Load(baselinePath), responses, FlaskTestJudge.For(_assembly).Gate);
            markdown += $"\n## Regression gate\n\nBaseline: {baselinePath}\n\n{gate.Describe()}\n";
        }
        markdown += FlaskRunHistory.Record(_assembly, _directory, responses, FlaskTestJudge.For(_assembly).Gate);
        File.WriteAllText(Path.Combine(_directory, "summary.md"), markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"FLASK summary: {Path.Combine(_directory, "summary.md")}");
        CiJobSummary.Publish($"{MarkdownReport.Render(models, "FLASK results")}{cost}\n{gate?.ToMarkdown()}", "FLASK tests", Console.Out, Console.Error);

        // Under dotnet test the platform's gate node fails the run once; elsewhere (xUnit's own runner) the cleanup
        // failure is already reported once.
        if (gate is { Passed: false } && !FlaskGateHandoff.TryHandOver(gate))
            throw new FlaskRegressionException(gate);
        return ValueTask.CompletedTask;
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
            prices = PriceTable.Load(FlaskTestJudge.For(_assembly).Prices);
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
