using Microsoft.Extensions.AI;

namespace Flask.Testing.Xunit;

/// <summary>
/// Configures the judge of a test assembly in code. Derive from it and name it once per assembly with
/// <c>[assembly: FlaskTestSetup(typeof(MySetup))]</c>; without it, the <c>FLASK_JUDGE_*</c> environment decides.
/// </summary>
public abstract class FlaskTestSetup
{
    /// <summary>
    /// Adjusts the settings read from the environment (the default returns them unchanged). Called for the run's judge
    /// and also, before the run, for the tests' concurrency: keep it free of side effects.
    /// </summary>
    public virtual FlaskJudgeSettings Configure(FlaskJudgeSettings fromEnvironment) => fromEnvironment;

    /// <summary>
    /// Creates the judge (the default: an OpenAI-compatible endpoint and the response cache as configured); null when
    /// none is configured, which skips the assembly's FLASK tests (or fails them with FLASK_REQUIRE_JUDGE).
    /// </summary>
    public virtual IChatClient? CreateJudge(FlaskJudgeSettings settings) =>
        settings is { IsConfigured: true } ? FlaskJudgeClient.Create(settings) : null;

    /// <summary>How the regression gate decides (the default: <see cref="GateOptions"/>' defaults, or FLASK_GATE_TOLERANCE).</summary>
    public virtual GateOptions Gate(GateOptions fromEnvironment) => fromEnvironment;
}
