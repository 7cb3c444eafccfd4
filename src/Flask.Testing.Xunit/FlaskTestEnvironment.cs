using System;
using System.Globalization;

namespace Flask.Testing.Xunit;

/// <summary>The switches of a FLASK test run, from the environment. Documented in docs/testing.md.</summary>
internal static class FlaskTestEnvironment
{
    /// <summary>With <c>true</c>, a test that cannot be judged (no judge, no recorded answer) fails instead of being skipped.</summary>
    public const string RequireJudgeVariable = "FLASK_REQUIRE_JUDGE";

    /// <summary>With <c>true</c>, the run writes its scores as the new baseline instead of comparing with it.</summary>
    public const string UpdateBaselineVariable = "FLASK_UPDATE_BASELINE";

    /// <summary>The baseline file (default <c>flask-baseline.json</c> in the test project).</summary>
    public const string BaselineVariable = "FLASK_BASELINE";

    /// <summary>Where results are written (default <c>TestResults/flask</c> in the test project).</summary>
    public const string ResultsVariable = "FLASK_RESULTS_DIR";

    /// <summary>The smallest mean drop the gate counts.</summary>
    public const string ToleranceVariable = "FLASK_GATE_TOLERANCE";

    public static bool RequireJudge => IsTrue(RequireJudgeVariable);

    public static bool UpdateBaseline => IsTrue(UpdateBaselineVariable);

    public static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;

    public static GateOptions Gate()
    {
        var options = new GateOptions();
        if (Get(ToleranceVariable) is not { } text)
            return options;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double tolerance) && tolerance >= 0
            ? options with { Tolerance = tolerance }
            : throw new FormatException($"{ToleranceVariable} must be a number of score points such as 0.25, not '{text}'.");
    }

    private static bool IsTrue(string name) => Get(name)?.ToLowerInvariant() is "1" or "true" or "yes";
}
