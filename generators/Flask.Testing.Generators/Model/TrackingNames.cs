namespace Flask.Testing.Generators.Model;

/// <summary>Names of the generator's pipeline steps, for incrementality tests (<c>TrackIncrementalGeneratorSteps</c>).</summary>
internal static class TrackingNames
{
    public const string RubricFiles = nameof(RubricFiles);
    public const string ParsedRubrics = nameof(ParsedRubrics);
    public const string RubricSet = nameof(RubricSet);
    public const string Skills = nameof(Skills);
    public const string Options = nameof(Options);
    public const string EvaluatorSetFiles = nameof(EvaluatorSetFiles);
    public const string ParsedEvaluatorSets = nameof(ParsedEvaluatorSets);
    public const string EvaluatorSets = nameof(EvaluatorSets);
    public const string EvaluatorSetsToEmit = nameof(EvaluatorSetsToEmit);
}
