using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The IEvaluator face: generated per-skill evaluators and multi-skill evaluators as MEAI.Evaluation sees them.</summary>
public sealed class EvaluatorTests
{
    private static async Task<EvaluationResult> Evaluate(IEvaluator evaluator, LoopbackJudge judge, string? reference = "Paris") =>
        await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.System, "You are a travel bot."), new ChatMessage(ChatRole.User, "Capital of France?")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris.")),
            new ChatConfiguration(FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge"))),
            [new FlaskEvaluationContext(reference, label: "capital")],
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_generated_evaluator_returns_one_numeric_metric_named_by_its_skill()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 3)));
        var evaluator = new FactualityEvaluator { MinScore = 4 };

        EvaluationResult result = await Evaluate(evaluator, judge);

        Assert.Equal(["Factuality"], evaluator.EvaluationMetricNames);
        NumericMetric metric = result.Get<NumericMetric>("Factuality");
        Assert.Equal(3, metric.Value);
        Assert.Contains("factuality", metric.Reason!, System.StringComparison.OrdinalIgnoreCase);
        Assert.Equal(EvaluationRating.Average, metric.Interpretation!.Rating);
        Assert.True(metric.Interpretation.Failed);
        Assert.Equal("Factuality scored 3 of 5; the minimum is 4.", metric.Interpretation.Reason);
        Assert.Equal("scored", metric.Metadata![FlaskEvaluator.StatusMetadata]);
        Assert.Equal("loopback-judge", metric.Metadata["eval-model"]);
        Assert.Equal("false", metric.Metadata[FlaskEvaluator.CacheHitMetadata]);
        Assert.Contains("[Ground truth Answer]\nParis", metric.Metadata[FlaskEvaluator.UserPromptMetadata]);
        Assert.Contains("'factuality': 3", metric.Metadata[FlaskEvaluator.ReviewMetadata]);
        Assert.True(long.Parse(metric.Metadata["eval-input-tokens"]) > 0);
        Assert.True(metric.Metadata.ContainsKey("eval-duration-ms"));
        Assert.Equal("Capital of France?", judge.Calls.Single().UserPrompt.Split("[Instruction]\n")[1].Split("\n\n")[0]);
    }

    [Fact]
    public async Task A_multi_skill_evaluator_makes_one_call_and_interprets_each_skill()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 5), ("Conciseness", "N/A"), ("Readability", 2)));
        var evaluator = new FlaskEvaluator([FlaskSkills.Factuality, FlaskSkills.Conciseness, FlaskSkills.Readability])
        {
            MinScores = new System.Collections.Generic.Dictionary<string, double> { ["Factuality"] = 4, ["Conciseness"] = 4, ["Readability"] = 3 },
        };

        EvaluationResult result = await Evaluate(evaluator, judge);

        Assert.Equal(1, judge.RequestCount);
        Assert.False(result.Get<NumericMetric>("Factuality").Interpretation!.Failed);
        NumericMetric na = result.Get<NumericMetric>("Conciseness");
        Assert.Null(na.Value);
        Assert.False(na.Interpretation!.Failed);
        Assert.Equal(EvaluationRating.Inconclusive, na.Interpretation.Rating);
        Assert.Contains("not applicable (N/A)", na.Interpretation.Reason);
        Assert.True(result.Get<NumericMetric>("Readability").Interpretation!.Failed);
    }

    [Fact]
    public async Task A_judge_error_fails_with_a_diagnostic_and_reads_differently_from_a_low_score()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Review("Lovely answer!"));

        EvaluationResult result = await Evaluate(new ReadabilityEvaluator(), judge, reference: null);

        NumericMetric metric = result.Get<NumericMetric>("Readability");
        Assert.Null(metric.Value);
        Assert.True(metric.Interpretation!.Failed);
        Assert.Equal(EvaluationRating.Unknown, metric.Interpretation.Rating);
        Assert.StartsWith("Judge error, not a low score:", metric.Interpretation.Reason);
        EvaluationDiagnostic diagnostic = Assert.Single(metric.Diagnostics!, d => d.Severity != EvaluationDiagnosticSeverity.Informational);
        Assert.Equal(EvaluationDiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("judge-error", metric.Metadata![FlaskEvaluator.StatusMetadata]);
        Assert.Contains("Lovely answer!\n\n----- next review -----\n\nLovely answer!", metric.Metadata[FlaskEvaluator.ReviewMetadata]);
    }

    [Fact]
    public async Task A_composite_of_generated_evaluators_makes_a_call_each_and_says_each_skill_was_judged_alone()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));

        EvaluationResult result = await Evaluate(new CompositeEvaluator(new FactualityEvaluator(), new ConcisenessEvaluator()), judge);

        // MEAI's CompositeEvaluator runs its evaluators one by one: two calls, not FLASK's one. Never silently:
        Assert.Equal(2, judge.RequestCount);
        foreach (string name in new[] { FactualityEvaluator.FactualityMetricName, ConcisenessEvaluator.ConcisenessMetricName })
        {
            NumericMetric metric = result.Get<NumericMetric>(name);
            Assert.Equal(name == "Factuality" ? "Factuality" : "Conciseness", metric.Metadata![FlaskEvaluator.JudgedWithMetadata]);
            EvaluationDiagnostic alone = Assert.Single(metric.Diagnostics!);
            Assert.Equal(EvaluationDiagnosticSeverity.Informational, alone.Severity);
            Assert.StartsWith($"{name} was judged alone", alone.Message);
            Assert.Contains("FlaskEvaluator.Of(", alone.Message);
        }
    }

    [Fact]
    public async Task Evaluators_combined_with_Of_make_one_call_also_inside_a_composite_beside_other_evaluators()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 3), ("Conciseness", 5)));
        var other = new LengthEvaluator();
        IEvaluator flask = FlaskEvaluator.Of(new FactualityEvaluator { MinScore = 4 }, new ConcisenessEvaluator());

        EvaluationResult result = await Evaluate(new CompositeEvaluator(flask, other), judge);

        Assert.Equal(1, judge.RequestCount);
        Assert.Contains("Factuality", judge.Calls.Single().UserPrompt);
        Assert.Contains("Conciseness", judge.Calls.Single().UserPrompt);
        NumericMetric factuality = result.Get<NumericMetric>(FactualityEvaluator.FactualityMetricName);
        Assert.True(factuality.Interpretation!.Failed);
        Assert.Equal("4", factuality.Metadata![FlaskEvaluator.MinScoreMetadata]);
        Assert.Equal("Factuality,Conciseness", factuality.Metadata[FlaskEvaluator.JudgedWithMetadata]);
        Assert.Null(factuality.Diagnostics);
        Assert.False(result.Get<NumericMetric>(ConcisenessEvaluator.ConcisenessMetricName).Interpretation!.Failed);
        Assert.Equal(6, result.Get<NumericMetric>(LengthEvaluator.MetricName).Value);
    }

    [Fact]
    public void Combining_refuses_one_skill_with_two_minimums_and_a_skill_named_twice()
    {
        var error = Assert.Throws<System.ArgumentException>(() => FlaskEvaluator.Of(new FactualityEvaluator { MinScore = 4 }, new FactualityEvaluator { MinScore = 2 }));
        Assert.StartsWith("Factuality has two minimum scores, 4 and 2", error.Message);
        Assert.Throws<System.ArgumentException>(() => FlaskEvaluator.Of(FlaskSkills.Factuality, FlaskSkills.Factuality));
        Assert.Equal(["Factuality", "Readability"], FlaskEvaluator.Of(FlaskSkills.Factuality, FlaskSkills.Readability).Skills.Select(s => s.Id));
    }

    [Fact]
    public async Task An_evaluator_requiring_a_reference_refuses_to_judge_without_one()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        FlaskEvaluator evaluator = FlaskEvaluator.Of(new FactualityEvaluator(), new FlaskEvaluator([FlaskSkills.Completeness]) { RequiresReference = true });

        var error = await Assert.ThrowsAsync<System.ArgumentException>(() => Evaluate(evaluator, judge, reference: null));

        Assert.StartsWith("Factuality, Completeness require(s) a reference answer", error.Message);
        Assert.Equal(0, judge.RequestCount);
    }

    /// <summary>A non-FLASK evaluator, to sit beside FLASK's in a composite.</summary>
    private sealed class LengthEvaluator : IEvaluator
    {
        public const string MetricName = "Length";

        public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null, System.Threading.CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EvaluationResult(new NumericMetric(MetricName, modelResponse.Text.Length)));
    }
}
