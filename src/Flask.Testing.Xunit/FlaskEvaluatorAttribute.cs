using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// Marks a test with a FLASK evaluator whose skills and minimum scores its response must reach, typically a generated
/// evaluator set: <c>[FlaskEvaluator(typeof(SupportAnswerEvaluator))]</c>.
/// <see cref="FlaskAssert.ScoresAsync(string, string, string?, IReadOnlyDictionary{string, InstanceRubric}?)"/> judges
/// them, with any [FlaskSkill] skills of the test, in one judge call. Adds the trait <c>FlaskSkill=&lt;id&gt;</c> per
/// skill. A test that carries it but never calls <see cref="FlaskAssert"/> fails: its skills were not judged.
/// </summary>
/// <param name="evaluatorType">A <see cref="FlaskEvaluator"/> with a public parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class FlaskEvaluatorAttribute(Type evaluatorType) : Attribute, ITraitAttribute, IBeforeAfterTestAttribute
{
    /// <summary>The evaluator's type.</summary>
    public Type EvaluatorType { get; } = evaluatorType;

    /// <summary>A new instance of <see cref="EvaluatorType"/>.</summary>
    /// <exception cref="ArgumentException">The type is not a <see cref="FlaskEvaluator"/> with a public parameterless constructor.</exception>
    public FlaskEvaluator Create() =>
        EvaluatorType is { IsAbstract: false } type && typeof(FlaskEvaluator).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is { } constructor
            ? (FlaskEvaluator)constructor.Invoke(null)
            : throw new ArgumentException($"[FlaskEvaluator(typeof({EvaluatorType?.Name}))] needs a FlaskEvaluator with a public parameterless constructor, such as a generated evaluator set's <Name>Evaluator.");

    /// <inheritdoc/>
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [.. Create().Skills.Select(s => new KeyValuePair<string, string>("FlaskSkill", s.Id))];

    /// <summary>Nothing to prepare: the test calls <see cref="FlaskAssert"/> itself.</summary>
    public void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
    }

    /// <summary>Fails the test when it never called <see cref="FlaskAssert"/>, so that unjudged skills never pass.</summary>
    public void After(MethodInfo methodUnderTest, IXunitTest test) => FlaskTestCalls.After(methodUnderTest, test);
}
