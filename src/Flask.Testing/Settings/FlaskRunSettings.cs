namespace Flask.Testing;

/// <summary>The switches of a FLASK test run: what happens to an unjudgeable test, the baseline and the results.</summary>
public sealed record FlaskRunSettings
{
    /// <summary>A test that cannot be judged (no judge, no recorded answer) fails instead of being skipped.</summary>
    public bool RequireJudge { get; init; }

    /// <summary>The run writes its scores as the new baseline instead of comparing with it.</summary>
    public bool UpdateBaseline { get; init; }

    /// <summary>The baseline file; null for <c>flask-baseline.json</c> in the test project.</summary>
    public string? Baseline { get; init; }

    /// <summary>Where results are written; null for <c>TestResults/flask</c> in the test project.</summary>
    public string? ResultsDirectory { get; init; }

    /// <summary>The run history store (<see cref="RunHistory"/>), or <c>off</c>; null for <c>history.db</c> beside the results.</summary>
    public string? History { get; init; }
}
