using System;
using Xunit.Sdk;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// Runs the tests of a FLASK test assembly concurrently, up to the judge's configured concurrency
/// (<see cref="JudgeResilienceOptions.MaxConcurrency"/>, <c>FLASK_JUDGE_CONCURRENCY</c>, default 8) whatever the
/// number of cores: rows of a theory, tests of one class and tests of several classes. The package adds it to the test
/// assembly (MSBuild property <c>FlaskConcurrentTests=false</c> leaves it out); xUnit's own scheduler runs the tests,
/// so each test reports as usual and xUnit's <c>DisableParallelization</c> opt-outs apply. See docs/testing.md.
/// </summary>
/// <param name="testAssemblyType">Any type of the test assembly, to find its judge settings.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class FlaskParallelizationAttribute(Type testAssemblyType) : Attribute, IParallelizationAttribute
{
    /// <summary>A type of the test assembly.</summary>
    public Type TestAssemblyType { get; } = testAssemblyType;

    /// <summary>Every test may run in parallel with every other, unless it or its class, collection or data opts out.</summary>
    public ParallelMode? GetMode() => ParallelMode.All;

    /// <summary>
    /// The judge's concurrency. Conservative scheduling counts a test as running until it finishes, awaits included,
    /// so this many tests, and so this many judge calls, are in flight at once.
    /// </summary>
    public ParallelAlgorithm? GetAlgorithm() => ParallelAlgorithm.Conservative;

    /// <summary>The judge's configured concurrency; xUnit's default when the judge settings cannot be read (each
    /// FLASK test then fails with the settings' own message).</summary>
    public int? GetMaxThreads() => FlaskTestJudge.Concurrency(TestAssemblyType.Assembly);
}
