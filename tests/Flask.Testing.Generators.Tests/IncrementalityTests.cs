using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Flask.Testing.Generators.Model;
using Flask.Testing.Generators.Tests.Infrastructure;
using Flask.Testing.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>The pipeline caches: unrelated edits do no rubric work, and one rubric's edit re-emits only that skill.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] RubricSteps =
        [TrackingNames.RubricFiles, TrackingNames.ParsedRubrics, TrackingNames.RubricSet, TrackingNames.Skills, TrackingNames.Options];

    private static TestRubric[] FlaskRubrics() => Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal)
        .Select(p => new TestRubric(p, File.ReadAllText(p))).ToArray();

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Editing_a_cs_file_leaves_every_rubric_step_cached_or_unchanged()
    {
        TestRubric[] files = FlaskRubrics();
        CSharpCompilation compilation = GeneratorHarness.Compilation("namespace App; public class Feature { }");
        GeneratorDriver driver = GeneratorHarness.Driver(files).RunGenerators(compilation, TestContext.Current.CancellationToken);

        SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace App; public class Feature { public int X; }", GeneratorHarness.ParseOptions, "Source0.cs", cancellationToken: TestContext.Current.CancellationToken);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), edited), TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in RubricSteps)
        {
            IncrementalStepRunReason[] reasons = [.. Reasons(result, step)];
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Editing_one_rubric_re_emits_only_that_skill()
    {
        TestRubric[] files = FlaskRubrics();
        CSharpCompilation compilation = GeneratorHarness.Compilation("namespace App; public class Feature { }");
        GeneratorDriver driver = GeneratorHarness.Driver(files, out var texts).RunGenerators(compilation, TestContext.Current.CancellationToken);

        TestRubric factuality = files.Single(f => f.Path.EndsWith("factuality.yaml", StringComparison.Ordinal));
        AdditionalText old = texts.Single(t => t.Path == factuality.Path);
        driver = driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(factuality.Path, factuality.Text.Replace("aliases: [factual accuracy]", "aliases: [factual accuracy, facts]")));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Equal(1, Reasons(result, TrackingNames.ParsedRubrics).Count(r => r == IncrementalStepRunReason.Modified));
        var skills = result.TrackedSteps[TrackingNames.Skills].SelectMany(s => s.Outputs).ToArray();
        var modified = Assert.Single(skills, o => o.Reason != IncrementalStepRunReason.Unchanged && o.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal("Factuality", ((SkillToEmit)modified.Value).Rubric.Id);
        Assert.Equal(IncrementalStepRunReason.Modified, modified.Reason);
    }

    private static readonly string[] SetSteps =
        [TrackingNames.EvaluatorSetFiles, TrackingNames.ParsedEvaluatorSets, TrackingNames.EvaluatorSets, TrackingNames.EvaluatorSetsToEmit];

    private static TestRubric Set(string name, string skills) =>
        TestRubric.Set($"/app/evaluators/{name}.yaml", $"name: {name}\nskills:\n{skills}\n");

    private static TestRubric[] RubricsAndSets() =>
        [.. FlaskRubrics(), Set("SupportAnswer", "  Factuality: 4\n  Conciseness: 3"), Set("Tutor", "  LogicalCorrectness: 4")];

    [Fact]
    public void Editing_a_cs_file_leaves_every_evaluator_set_step_cached_or_unchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation("namespace App; public class Feature { }");
        GeneratorDriver driver = GeneratorHarness.Driver(RubricsAndSets()).RunGenerators(compilation, TestContext.Current.CancellationToken);

        SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace App; public class Feature { public int X; }", GeneratorHarness.ParseOptions, "Source0.cs", cancellationToken: TestContext.Current.CancellationToken);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), edited), TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in SetSteps.Concat(RubricSteps))
        {
            IncrementalStepRunReason[] reasons = [.. Reasons(result, step)];
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Editing_one_evaluator_set_re_emits_only_that_set_and_no_skill()
    {
        TestRubric[] files = RubricsAndSets();
        CSharpCompilation compilation = GeneratorHarness.Compilation("namespace App; public class Feature { }");
        GeneratorDriver driver = GeneratorHarness.Driver(files, out var texts).RunGenerators(compilation, TestContext.Current.CancellationToken);

        TestRubric tutor = files.Single(f => f.Path.EndsWith("Tutor.yaml", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(texts.Single(t => t.Path == tutor.Path), new InMemoryAdditionalText(tutor.Path, tutor.Text.Replace("LogicalCorrectness: 4", "LogicalCorrectness: 5")));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in RubricSteps)
            Assert.All(Reasons(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        Assert.Equal(1, Reasons(result, TrackingNames.ParsedEvaluatorSets).Count(r => r == IncrementalStepRunReason.Modified));
        var sets = result.TrackedSteps[TrackingNames.EvaluatorSetsToEmit].SelectMany(s => s.Outputs).ToArray();
        var modified = Assert.Single(sets, o => o.Reason != IncrementalStepRunReason.Unchanged && o.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal("Tutor", ((EvaluatorSetToEmit)modified.Value).Set.Name);
        Assert.Equal(IncrementalStepRunReason.Modified, modified.Reason);
    }

    [Fact]
    public void Evaluator_set_models_hold_no_compilation_symbols_or_syntax()
    {
        GeneratorDriver driver = GeneratorHarness.Driver(RubricsAndSets()).RunGenerators(GeneratorHarness.Compilation("class C { }"), TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in SetSteps.Skip(1))
        {
            foreach (object? value in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
                AssertHoldsNoRoslynState(value, $"{step}", depth: 0);
        }
    }

    [Fact]
    public void Pipeline_models_hold_no_compilation_symbols_or_syntax()
    {
        GeneratorDriver driver = GeneratorHarness.Driver(FlaskRubrics()).RunGenerators(GeneratorHarness.Compilation("class C { }"), TestContext.Current.CancellationToken);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in RubricSteps.Skip(1))
        {
            foreach (object? value in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
                AssertHoldsNoRoslynState(value, $"{step}", depth: 0);
        }
    }

    private static void AssertHoldsNoRoslynState(object? value, string path, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || depth > 8)
            return;
        Type type = value.GetType();
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or AdditionalText,
            $"{path} holds a {type.Name}");
        if (value is DiagnosticDescriptor)
            return; // Immutable, static descriptors: safe to cache and compared by value.
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
                AssertHoldsNoRoslynState(item, $"{path}[{i++}]", depth + 1);
            return;
        }
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertHoldsNoRoslynState(property.GetValue(value), $"{path}.{property.Name}", depth + 1);
    }
}
