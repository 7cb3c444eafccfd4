using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>One pass rule and one default minimum (3), for [FlaskSkill] results and evaluators alike; minimums keyed by skill.</summary>
public sealed class PassRuleTests
{
    private static async Task<EvaluationResult> Evaluate(IEvaluator evaluator, LoopbackJudge judge) =>
        await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, "Capital of France?")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris.")),
            new ChatConfiguration(FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge"))),
            cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_evaluator_without_minimums_needs_the_default_3_as_FlaskSkill_does()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 2), ("Readability", 3)));

        EvaluationResult multi = await Evaluate(new FlaskEvaluator([FlaskSkills.Factuality, FlaskSkills.Readability]), judge);
        EvaluationResult generated = await Evaluate(new FactualityEvaluator(), judge);

        Assert.Equal(3, PassRule.DefaultMinScore);
        Assert.Equal(PassRule.DefaultMinScore, new FactualityEvaluator().MinScore);
        Assert.True(multi.Get<NumericMetric>("Factuality").Interpretation!.Failed);
        Assert.Equal("Factuality scored 2 of 5; the minimum is 3.", multi.Get<NumericMetric>("Factuality").Interpretation!.Reason);
        Assert.False(multi.Get<NumericMetric>("Readability").Interpretation!.Failed);
        Assert.Equal("3", multi.Get<NumericMetric>("Readability").Metadata![FlaskEvaluator.MinScoreMetadata]);
        Assert.True(generated.Get<NumericMetric>("Factuality").Interpretation!.Failed);
    }

    [Fact]
    public async Task A_minimum_under_any_name_of_the_skill_applies_to_it()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 4), ("Logical Robustness", 4), ("Readability", 4)));
        var evaluator = new FlaskEvaluator([FlaskSkills.Factuality, FlaskSkills.LogicalRobustness, FlaskSkills.Readability])
        {
            MinScores = new Dictionary<string, double> { ["factuality"] = 5, ["Logical Robustness"] = 5, ["read_ability"] = 4 },
        };

        EvaluationResult result = await Evaluate(evaluator, judge);

        Assert.Equal(new Dictionary<string, double> { ["Factuality"] = 5, ["LogicalRobustness"] = 5, ["Readability"] = 4 }, evaluator.MinScores);
        Assert.True(result.Get<NumericMetric>("Factuality").Interpretation!.Failed);
        Assert.True(result.Get<NumericMetric>("Logical Robustness").Interpretation!.Failed);
        Assert.False(result.Get<NumericMetric>("Readability").Interpretation!.Failed);
        Assert.Equal(5, new FlaskEvaluator([FlaskSkills.Factuality]) { MinScores = new Dictionary<string, double> { ["factual accuracy"] = 5 } }.MinScores["Factuality"]); // an alias
    }

    [Fact]
    public void A_minimum_for_a_skill_that_is_not_judged_is_an_error_naming_it_with_the_closest()
    {
        ArgumentException misspelt = Assert.Throws<ArgumentException>(() =>
            new FlaskEvaluator([FlaskSkills.Factuality, FlaskSkills.Readability]) { MinScores = new Dictionary<string, double> { ["Factualty"] = 4 } });
        ArgumentException other = Assert.Throws<ArgumentException>(() =>
            new FlaskEvaluator([FlaskSkills.Factuality]) { MinScores = new Dictionary<string, double> { ["Conciseness"] = 4 } });
        ArgumentException twice = Assert.Throws<ArgumentException>(() =>
            new FlaskEvaluator([FlaskSkills.Factuality]) { MinScores = new Dictionary<string, double> { ["Factuality"] = 4, ["factuality"] = 5 } });

        Assert.StartsWith("A minimum score for 'Factualty', which is not one of the skills judged (Factuality, Readability): did you mean 'Factuality'?", misspelt.Message);
        Assert.StartsWith("A minimum score for 'Conciseness', which is not one of the skills judged (Factuality).", other.Message);
        Assert.StartsWith("Two minimum scores for skill 'Factuality'", twice.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FactualityEvaluator { MinScore = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FactualityEvaluator { MinScore = double.NaN });
    }

    /// <summary>The rule itself, over generated scores and minimums: the evaluators' interpretation and the results' Passed agree with it.</summary>
    [Fact]
    public void Evaluators_and_results_apply_the_same_rule_to_any_score_and_minimum()
    {
        var random = new Random(1234);
        var request = new JudgeRequest { Instruction = "q", Response = "r", Skills = [FlaskSkills.Factuality] };
        for (int i = 0; i < 500; i++)
        {
            SkillScoreStatus status = (SkillScoreStatus)random.Next(3);
            double? score = status == SkillScoreStatus.Scored ? Math.Round(1 + (random.NextDouble() * 4), 2) : null;
            double min = Math.Round(1 + (random.NextDouble() * 4), 1);
            var skillScore = new SkillScore { Skill = FlaskSkills.Factuality, Status = status, Score = score, Feedback = "feedback", Error = status == SkillScoreStatus.JudgeError ? "no score" : null };
            var result = new JudgeResult { Request = request, Prompt = ReviewPromptBuilder.Build(request), Scores = [skillScore], Reviews = [] };
            bool expected = status switch
            {
                SkillScoreStatus.Scored => score >= min,
                SkillScoreStatus.NotApplicable => true,
                _ => false,
            };

            Assert.Equal(expected, PassRule.Passes(skillScore, min));
            Assert.Equal(expected, ScoredSkill.From(skillScore, min).Passed);
            Assert.Equal(expected, !FlaskEvaluator.ToEvaluationResult(result, new Dictionary<string, double> { ["Factuality"] = min }).Get<NumericMetric>("Factuality").Interpretation!.Failed);
        }
    }

    /// <summary>The public conversion reads minimums as the evaluators do: by any name of the skill, an unknown one an error.</summary>
    [Fact]
    public void ToEvaluationResult_keys_minimums_by_any_skill_name_and_rejects_unknown_ones()
    {
        var request = new JudgeRequest { Instruction = "q", Response = "r", Skills = [FlaskSkills.Factuality] };
        var score = new SkillScore { Skill = FlaskSkills.Factuality, Status = SkillScoreStatus.Scored, Score = 3.5, Feedback = "feedback" };
        var result = new JudgeResult { Request = request, Prompt = ReviewPromptBuilder.Build(request), Scores = [score], Reviews = [] };

        foreach (string name in new[] { "Factuality", "factuality", FlaskSkills.Factuality.Name })
            Assert.True(FlaskEvaluator.ToEvaluationResult(result, new Dictionary<string, double> { [name] = 4 }).Get<NumericMetric>(FlaskSkills.Factuality.Name).Interpretation!.Failed, name);
        Assert.False(FlaskEvaluator.ToEvaluationResult(result).Get<NumericMetric>(FlaskSkills.Factuality.Name).Interpretation!.Failed);
        ArgumentException unknown = Assert.Throws<ArgumentException>(() => FlaskEvaluator.ToEvaluationResult(result, new Dictionary<string, double> { ["Factualty"] = 4 }));
        Assert.Contains("did you mean 'Factuality'?", unknown.Message, StringComparison.Ordinal);
    }
}
