using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Flask.Testing;

/// <summary>
/// All of FLASK's settings — the judge, its cache, the regression gate and the test run — read once, in layers: the
/// environment, then code (a <c>FlaskTestSetup</c>), then a command line. Every variable is listed in
/// <see cref="Variables"/> and documented in docs/settings.md.
/// </summary>
public sealed record FlaskSettings
{
    /// <summary>The smallest mean drop (score points) the regression gate counts.</summary>
    public const string GateToleranceVariable = "FLASK_GATE_TOLERANCE";

    /// <summary><c>true</c>: a test that cannot be judged fails instead of being skipped.</summary>
    public const string RequireJudgeVariable = "FLASK_REQUIRE_JUDGE";

    /// <summary><c>true</c>: the run writes its scores as the new baseline instead of comparing with it.</summary>
    public const string UpdateBaselineVariable = "FLASK_UPDATE_BASELINE";

    /// <summary>The baseline file of a test run.</summary>
    public const string BaselineVariable = "FLASK_BASELINE";

    /// <summary>Where a test run writes its results.</summary>
    public const string ResultsDirectoryVariable = "FLASK_RESULTS_DIR";

    /// <summary>The API key of the model under test that <c>dotnet flask bench --model-endpoint</c> asks.</summary>
    public const string ModelApiKeyVariable = "FLASK_MODEL_API_KEY";

    /// <summary>A JSON price file that extends and overrides the shipped judge model prices (docs/cli.md, "Cost").</summary>
    public const string PricesVariable = "FLASK_PRICES";

    /// <summary>Every environment variable FLASK reads, in the order docs/settings.md lists them.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        FlaskJudgeSettings.EndpointVariable, FlaskJudgeSettings.ModelVariable, FlaskJudgeSettings.ApiKeyVariable,
        FlaskJudgeSettings.TimeoutVariable, FlaskJudgeSettings.MaxRetriesVariable, FlaskJudgeSettings.MaxConsecutiveFailuresVariable,
        FlaskJudgeSettings.ConcurrencyVariable, FlaskJudgeSettings.RequestsPerMinuteVariable,
        FlaskJudgeSettings.CacheVariable, FlaskJudgeSettings.CacheDirectoryVariable, FlaskJudgeSettings.CacheLabelVariable,
        GateToleranceVariable, BaselineVariable, UpdateBaselineVariable, ResultsDirectoryVariable, RunHistory.Variable, RequireJudgeVariable,
        ModelApiKeyVariable, PricesVariable,
    ];

    /// <summary>The judge, its connection and its cache.</summary>
    public FlaskJudgeSettings Judge { get; init; } = new();

    /// <summary>The regression gate.</summary>
    public GateOptions Gate { get; init; } = new();

    /// <summary>The test run's switches.</summary>
    public FlaskRunSettings Run { get; init; } = new();

    /// <summary>
    /// Whether the cache mode was chosen (<c>FLASK_JUDGE_CACHE</c> or <c>--cache</c>) rather than defaulted: a test
    /// run with no judge and no chosen mode replays the recorded answers it has and skips the rest.
    /// </summary>
    public bool CacheModeChosen { get; init; }

    /// <summary>The key of the model under test (<c>FLASK_MODEL_API_KEY</c>); internal so that no record print shows it.</summary>
    internal string? ModelApiKey { get; init; }

    /// <summary>The user's price file (<c>FLASK_PRICES</c>, <c>bench --prices</c>), or null for the shipped prices only.</summary>
    internal string? Prices { get; init; }

    /// <summary>Reads every FLASK variable.</summary>
    /// <param name="environment">The variables to read; the process environment when null.</param>
    /// <exception cref="FormatException">A variable has a value that cannot be used; the one-line message names it, the value (never a key's) and what is allowed.</exception>
    public static FlaskSettings FromEnvironment(IDictionary? environment = null) => Read(SettingsSource.From(environment));

    /// <summary>Reads every setting from <paramref name="source"/>.</summary>
    internal static FlaskSettings Read(SettingsSource source)
    {
        var gate = new GateOptions();
        if (source.Text(GateToleranceVariable) is { } tolerance)
        {
            if (!double.TryParse(tolerance, NumberStyles.Float, CultureInfo.InvariantCulture, out double points) || !double.IsFinite(points) || points < 0)
                throw source.Invalid(GateToleranceVariable, "a number of score points, 0 or more, such as 0.25", tolerance);
            // 4 is the largest drop there is (every score from 5 to 1): a tolerance that large would pass every run silently.
            if (points >= GateOptions.LargestDrop)
                throw source.Invalid(GateToleranceVariable, string.Create(CultureInfo.InvariantCulture,
                    $"below {GateOptions.LargestDrop} score points, such as 0.25 ({GateOptions.LargestDrop} is the largest drop there is, every score from {ScoringRubric.MaxScore} to {ScoringRubric.MinScore}: the gate would fail on nothing less)"), tolerance);
            gate = gate with { Tolerance = points };
        }

        string? modelKey = source.Text(ModelApiKeyVariable);
        if (modelKey is not null && JudgeEndpoint.ApiKeyProblem(modelKey) is { } problem)
            throw new FormatException(problem.Replace(FlaskJudgeSettings.ApiKeyVariable, ModelApiKeyVariable, StringComparison.Ordinal));

        return new FlaskSettings
        {
            Judge = FlaskJudgeSettings.Read(source),
            Gate = gate,
            Run = new FlaskRunSettings
            {
                RequireJudge = Switch(source, RequireJudgeVariable),
                UpdateBaseline = Switch(source, UpdateBaselineVariable),
                Baseline = source.Text(BaselineVariable),
                ResultsDirectory = source.Text(ResultsDirectoryVariable),
                History = source.Text(RunHistory.Variable),
            },
            CacheModeChosen = source.Text(FlaskJudgeSettings.CacheVariable) is not null,
            ModelApiKey = modelKey,
            Prices = source.Text(PricesVariable),
        };
    }

    // A misspelt switch is an error, not a silent "off": FLASK_REQUIRE_JUDGE=on must not let tests skip in CI.
    private static bool Switch(SettingsSource source, string variable) => source.Text(variable)?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        var other => throw source.Invalid(variable, "true or false", other),
    };
}
