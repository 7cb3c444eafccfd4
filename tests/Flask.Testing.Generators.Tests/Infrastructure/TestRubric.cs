namespace Flask.Testing.Generators.Tests.Infrastructure;

/// <summary>
/// A rubric file for a test: its path, text, and whether it is marked as a default FLASK rubric; or, with
/// <paramref name="IsEvaluatorSet"/>, an evaluator set file (marked as a <c>FlaskEvaluatorSet</c> item); with
/// <paramref name="Source"/>, a file of that rubric library (<c>FlaskRubricSource</c> metadata, as its package's props set).
/// </summary>
internal sealed record TestRubric(string Path, string Text, bool IsDefault = false, bool IsEvaluatorSet = false, string? Source = null)
{
    /// <summary>An evaluator set file for a test.</summary>
    public static TestRubric Set(string path, string text) => new(path, text, IsEvaluatorSet: true);

    /// <summary>A valid rubric for <paramref name="id"/>, with placeholders that tests can replace.</summary>
    public static string Valid(string id, string ability = "User Alignment", string? name = null) => $"""
        id: {id}
        name: {name ?? id}
        ability: {ability}
        aliases: [{id.ToLowerInvariant()}-alias]
        criteria: Does the response do what {id} asks?
        scoring:
          1: Not at all.
          2: Barely.
          3: Partly.
          4: Mostly.
          5: Fully.

        """;
}
