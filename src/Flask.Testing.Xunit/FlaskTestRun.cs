using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;

namespace Flask.Testing.Xunit;

/// <summary>
/// The assembly fixture (added by the package) that closes a FLASK test run: it writes the summary, then either
/// updates the baseline (FLASK_UPDATE_BASELINE=true) or compares the run with it and fails the run on a regression.
/// </summary>
public sealed class FlaskTestRun : IAsyncDisposable
{
    private readonly Assembly _assembly;

    /// <summary>Starts the run's results file.</summary>
    public FlaskTestRun()
    {
        _assembly = Assembly.GetEntryAssembly() is { } entry && SkillCatalogAttribute.Of(entry) is not null ? entry : typeof(FlaskTestRun).Assembly;
        FlaskRunLog.Start(_assembly);
    }

    /// <summary>Writes the summary and applies the baseline and the regression gate.</summary>
    /// <exception cref="FlaskRegressionException">A skill regressed against the baseline.</exception>
    public ValueTask DisposeAsync()
    {
        var responses = FlaskRunLog.All;
        if (responses.Count == 0)
            return ValueTask.CompletedTask;
        string directory = FlaskRunLog.ResultsDirectory(_assembly);
        ScoreSummary summary = ScoreSummary.Of(responses);
        File.WriteAllText(Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(summary, ResultsJson.Indented) + "\n");
        string markdown = $"# FLASK results\n\n{responses.Count} judged response(s); details in {FlaskRunLog.ResultsFile}.\n\n{summary.ToMarkdown()}";

        string baselinePath = FlaskTestEnvironment.Get(FlaskTestEnvironment.BaselineVariable) is { } configured
            ? FlaskTestPaths.Resolve(_assembly, configured)
            : Path.Combine(FlaskTestPaths.ProjectDirectory(_assembly), "flask-baseline.json");
        GateReport? gate = null;
        if (FlaskTestEnvironment.UpdateBaseline)
        {
            Baseline.From(responses).Save(baselinePath);
            markdown += $"\nBaseline written to {baselinePath}.\n";
        }
        else if (File.Exists(baselinePath))
        {
            gate = RegressionGate.Compare(Baseline.Load(baselinePath), responses, FlaskTestJudge.For(_assembly).Gate);
            markdown += $"\n## Regression gate\n\nBaseline: {baselinePath}\n\n{gate.Describe()}\n";
        }
        markdown += FlaskRunHistory.Record(_assembly, directory, responses, FlaskTestJudge.For(_assembly).Gate);
        File.WriteAllText(Path.Combine(directory, "summary.md"), markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"FLASK summary: {Path.Combine(directory, "summary.md")}");

        if (gate is { Passed: false })
            throw new FlaskRegressionException(gate);
        return ValueTask.CompletedTask;
    }
}
