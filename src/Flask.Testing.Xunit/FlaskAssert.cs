using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// Judges the response of the running test on the skills of its <see cref="FlaskSkillAttribute"/>s, in one judge call,
/// and fails the test when a skill scores below its minimum or has a judge error, or when the judge cannot be asked.
/// A test may call it more than once; each call has its own results line and attachments.
/// </summary>
public static class FlaskAssert
{
    /// <summary>Judges <paramref name="response"/> to <paramref name="instruction"/> on the test's [FlaskSkill] skills.</summary>
    /// <param name="instruction">What the app was asked.</param>
    /// <param name="response">What the app answered.</param>
    /// <param name="reference">A reference answer, if there is one.</param>
    /// <param name="rubrics">Instance-specific rubric additions, by skill id, name or alias.</param>
    /// <returns>The judge's result, for further assertions.</returns>
    public static Task<JudgeResult> ScoresAsync(string instruction, string response, string? reference = null, IReadOnlyDictionary<string, InstanceRubric>? rubrics = null)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var instance = new FlaskInstance
        {
            Id = string.Empty, // the test's id names it
            Instruction = instruction,
            Reference = reference,
            Rubrics = rubrics ?? new Dictionary<string, InstanceRubric>(),
        };
        return JudgeAsync(instance, response, fromData: false);
    }

    /// <summary>Judges <paramref name="response"/> to a data-driven case, on the test's [FlaskSkill] skills and the case's own.</summary>
    public static Task<JudgeResult> ScoresAsync(FlaskCase item, string response)
    {
        ArgumentNullException.ThrowIfNull(item);
        return JudgeAsync(item.Instance, response, fromData: true);
    }

    private static async Task<JudgeResult> JudgeAsync(FlaskInstance instance, string response, bool fromData)
    {
        ArgumentNullException.ThrowIfNull(response);
        ITestContext context = TestContext.Current;
        IXunitTest test = context.Test as IXunitTest
            ?? throw new InvalidOperationException("FlaskAssert.ScoresAsync must be called from a running xUnit v3 test.");
        MethodInfo method = test.TestMethod.Method;
        Assembly assembly = method.DeclaringType!.Assembly;
        // The run fixture owns the judge and the results; a project without the package's build files has none.
        FlaskTestRun run = await FlaskTestRun.CurrentAsync(context).ConfigureAwait(false);
        int call = FlaskTestCalls.Record(context, test);
        // A second call in one test gets its own results line, baseline entry and attachments.
        string suffix = call == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"#{call}");
        string testName = test.TestDisplayName + suffix;
        string id = FlaskTestId.Of(test) + suffix;

        SkillCatalog catalog = SkillCatalogAttribute.Of(assembly)
            ?? throw new InvalidOperationException($"The test assembly {assembly.GetName().Name} has no FLASK rubrics: reference the Flask.Testing package, which adds FLASK's 12 rubrics.");
        // The test's [FlaskSkill]s with their minimums, then the instance's own skills with its minimum; a skill named
        // twice keeps its first minimum.
        var minimums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (FlaskSkillAttribute attribute in method.GetCustomAttributes<FlaskSkillAttribute>())
            AddMinimum(catalog.Get(attribute.Skill), attribute.MinScore);
        var setSkills = new List<Skill>();
        foreach (FlaskEvaluatorAttribute attribute in method.GetCustomAttributes<FlaskEvaluatorAttribute>())
        {
            // An evaluator set: its skills with its minimums (a skill without one: the default minimum).
            FlaskEvaluator evaluator = attribute.Create();
            if (evaluator.RequiresReference && string.IsNullOrEmpty(instance.Reference))
                throw new ArgumentException($"{testName}: [FlaskEvaluator(typeof({attribute.EvaluatorType.Name}))] requires a reference answer: pass one to FlaskAssert.ScoresAsync.", nameof(instance));
            foreach (Skill skill in evaluator.Skills)
            {
                AddMinimum(skill, evaluator.MinScores.TryGetValue(skill.Id, out double min) ? min : PassRule.DefaultMinScore);
                setSkills.Add(skill);
            }
        }
        foreach (string name in instance.Skills)
            AddMinimum(catalog.Get(name), instance.MinScore ?? PassRule.DefaultMinScore);
        if (minimums.Count == 0)
            throw new InvalidOperationException($"{testName} has no skills to judge: add [FlaskSkill(\"...\")] or [FlaskEvaluator(typeof(...))] to the test{(fromData ? " or skills to its data" : string.Empty)}.");
        JudgeRequest request = JudgeRequestBuilder.Build(instance, response, catalog,
            [.. method.GetCustomAttributes<FlaskSkillAttribute>().Select(a => catalog.Get(a.Skill)), .. setSkills], testName);

        FlaskTestJudge judge = run.Judge;
        if (judge.Client is null)
            Unjudgeable(run, testName, "no judge is configured", $"No FLASK judge is configured, so {testName} cannot be judged. {FlaskJudgeSettings.HowToConfigure}");
        if (judge.Unavailable is { } earlier)
            NotJudged(run, testName, $"the judge was found unavailable earlier in this run: {earlier.Message}");

        JudgeResult result;
        try
        {
            result = await new FlaskJudge(judge.Client!, judge.Settings.Judge).JudgeAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (JudgeCacheMissException miss) when (judge.ImplicitReplay)
        {
            Unjudgeable(run, testName, "no judge is configured and the replay cache has no answer", $"No FLASK judge is configured and the replay cache {miss.CacheDirectory} has no answer for {testName}: {miss.Detail ?? miss.Message}. {FlaskJudgeSettings.HowToConfigure}");
            throw; // unreachable: Unjudgeable always throws
        }
        catch (JudgeCacheMissException miss)
        {
            NotJudged(run, testName, miss.Message);
            throw; // unreachable
        }
        catch (JudgeUnavailableException unavailable)
        {
            // Never a pass, never a skip: the test's skills were not judged. Later tests fail at once when asking again is pointless.
            if (unavailable.StopsTheRun)
                judge.MarkUnavailable(unavailable);
            NotJudged(run, testName, unavailable.Message);
            throw; // unreachable
        }

        foreach (string warning in result.Warnings)
        {
            context.AddWarning(warning);
            context.TestOutputHelper?.WriteLine($"warning: {warning}");
        }
        ScoredResponse scored = ScoredResponse.From(id, result, minimums) with
        {
            DisplayName = testName,
            Domains = instance.Domains,
            Difficulty = instance.Difficulty,
        };
        try
        {
            run.Record(scored);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            NotJudged(run, testName, $"its result could not be written to the results file: {e.Message.Split('\n')[0].TrimEnd('\r')}");
        }
        context.AddAttachment("flask-prompt" + suffix, $"[system]\n{result.Prompt.System}\n\n[user]\n{result.Prompt.User}");
        context.AddAttachment("flask-review" + suffix, string.Join("\n\n----- next review -----\n\n", result.Reviews.Select(r => r.Text)));

        string verdict = FlaskVerdict.Describe(scored, result);
        if (!FlaskVerdict.Passed(scored))
            Assert.Fail(verdict);
        context.TestOutputHelper?.WriteLine(verdict);
        return result;

        void AddMinimum(Skill skill, double min) => minimums.TryAdd(skill.Id, PassRule.CheckMinScore(skill, min));
    }

    /// <summary>Fails the test as not judged, and counts it in the run's summary.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void NotJudged(FlaskTestRun run, string testName, string reason)
    {
        run.NotJudged(testName, reason);
        Assert.Fail($"FLASK: {testName} was not judged: {reason}");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Unjudgeable(FlaskTestRun run, string testName, string reason, string message)
    {
        run.NotJudged(testName, reason);
        if (run.Judge.Run.RequireJudge)
            Assert.Fail($"{message} ({FlaskSettings.RequireJudgeVariable} is set, so this fails instead of being skipped.)");
        Assert.Skip(message);
    }
}
