using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>An evaluator set from evaluators/support-answer.yaml, used directly and as an MEAI evaluator: one judge call each time.</summary>
public sealed class EvaluatorSetTests
{
    private static IChatClient Client(LoopbackJudge judge) => FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge"));

    [Fact]
    public async Task A_set_judges_directly_into_typed_scores_in_one_call()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 5), ("Comprehension", 2), ("Conciseness", "N/A")));
        var evaluator = new SupportAnswerEvaluator(Client(judge));

        SupportAnswerScores scores = await evaluator.JudgeAsync("How do I reset my password?", "Use the reset link.", "Click 'Forgot password'.", TestContext.Current.CancellationToken);

        Assert.Equal(1, judge.RequestCount);
        Assert.Equal("SupportAnswer", SupportAnswerEvaluator.SetName);
        Assert.Equal(["Factuality", "Comprehension", "Conciseness"], evaluator.Skills.Select(s => s.Id));
        Assert.True(evaluator.RequiresReference);
        Assert.Equal((5, 4, true), (scores.Factuality.Score, scores.Factuality.MinScore, scores.Factuality.Passed));
        Assert.Equal((2, 3, false), (scores.Comprehension.Score, scores.Comprehension.MinScore, scores.Comprehension.Passed));
        Assert.Equal(SkillScoreStatus.NotApplicable, scores.Conciseness.Status);
        Assert.True(scores.Conciseness.Passed);
        Assert.Equal(3.5, scores.Conciseness.MinScore);
        Assert.False(string.IsNullOrEmpty(scores.Factuality.Feedback));
        Assert.False(scores.Passed);
        Assert.Contains("[Ground truth Answer]\nClick 'Forgot password'.", judge.Calls.Single().UserPrompt);
    }

    [Fact]
    public async Task A_judge_error_never_passes_a_set()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 5), ("Comprehension", 5)));

        SupportAnswerScores scores = await new SupportAnswerEvaluator(Client(judge)).JudgeAsync("q", "a", "r", TestContext.Current.CancellationToken);

        Assert.Equal(SkillScoreStatus.JudgeError, scores.Conciseness.Status);
        Assert.False(scores.Conciseness.Passed);
        Assert.False(scores.Passed);
    }

    [Fact]
    public async Task A_set_requiring_a_reference_refuses_to_judge_without_one()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new SupportAnswerEvaluator(Client(judge)).JudgeAsync("q", "a", null, TestContext.Current.CancellationToken));

        Assert.StartsWith("Factuality, Comprehension, Conciseness require(s) a reference answer", error.Message);
        Assert.Equal(0, judge.RequestCount);
    }

    [Fact]
    public async Task A_set_is_an_MEAI_evaluator_with_its_minimums_and_one_call_also_inside_a_composite()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        IEvaluator composite = new CompositeEvaluator(new SupportAnswerEvaluator(), new ReadabilityEvaluator());

        EvaluationResult result = await composite.EvaluateAsync(
            [new ChatMessage(ChatRole.User, "How do I reset my password?")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "Use the reset link.")),
            new ChatConfiguration(Client(judge)),
            [new FlaskEvaluationContext("Click 'Forgot password'.")],
            TestContext.Current.CancellationToken);

        // One call for the set, one for the lone Readability evaluator (which says it was judged alone).
        Assert.Equal(2, judge.RequestCount);
        NumericMetric factuality = result.Get<NumericMetric>(SupportAnswerEvaluator.FactualityMetricName);
        Assert.Equal(4, factuality.Value);
        Assert.False(factuality.Interpretation!.Failed);
        Assert.Equal("Factuality,Comprehension,Conciseness", factuality.Metadata![FlaskEvaluator.JudgedWithMetadata]);
        Assert.Null(factuality.Diagnostics);
        Assert.Equal("4", factuality.Metadata[FlaskEvaluator.MinScoreMetadata]);
        Assert.Equal("3.5", result.Get<NumericMetric>(SupportAnswerEvaluator.ConcisenessMetricName).Metadata![FlaskEvaluator.MinScoreMetadata]);
        Assert.Equal("Readability", result.Get<NumericMetric>(ReadabilityEvaluator.ReadabilityMetricName).Metadata![FlaskEvaluator.JudgedWithMetadata]);
    }

    [Fact]
    public async Task Without_a_judge_or_settings_judging_says_which_settings_configure_one()
    {
        // The test process has no FLASK_JUDGE_* settings (a judge configured for the whole test run would make this moot).
        Assert.SkipWhen(FlaskJudgeSettings.FromEnvironment().IsConfigured, "A FLASK judge is configured in this environment.");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SupportAnswerEvaluator().JudgeAsync("q", "a", "r", TestContext.Current.CancellationToken));

        Assert.Equal($"No FLASK judge is configured. {FlaskJudgeSettings.HowToConfigure}", error.Message);
    }
}
