using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// A judge result's record (<see cref="ScoredResponse.From"/>) and its judge model (<see cref="JudgeResult.JudgeModel"/>)
/// were built with LINQ (a grouping per response to find the review the skills share, a set per response for the
/// judge's name); they are now loops. On generated results, with feedback shared by some skills, ties, empty feedback
/// and panels, they give exactly what the previous definitions, kept here, gave.
/// </summary>
public sealed class ScoredResponsePreviousDefinitionTests
{
    private static readonly string[] Feedbacks = ["", "", "A", "B", "C", "a", "A ", "The whole review."];

    private static readonly string[] Judges = ["gpt-4", "gpt-4", "claude", "GPT-4", "llama"];

    [Fact]
    public void Generated_results_record_as_before()
    {
        var random = new Random(20261133);
        Skill[] pool = [.. FlaskSkills.Catalog];
        int shared = 0, panels = 0;
        for (int i = 0; i < 20_000; i++)
        {
            Skill[] skills = [.. pool.OrderBy(_ => random.Next()).Take(random.Next(1, 13))];
            var request = new JudgeRequest { Instruction = "q", Response = "r", Skills = skills };
            SkillScore[] scores = [.. skills.Select(s => new SkillScore
            {
                Skill = s,
                Status = SkillScoreStatus.Scored,
                Score = random.Next(1, 6),
                Feedback = Feedbacks[random.Next(Feedbacks.Length)],
            })];
            JudgeReview[] reviews = [.. Enumerable.Range(0, random.Next(0, 4)).Select(n => new JudgeReview(
                random.Next(3) == 0 ? Judges[random.Next(Judges.Length)] : Judges[0], 1, n + 1, "text", 10, 5, TimeSpan.Zero, CacheHit: false))];
            var result = new JudgeResult { Request = request, Prompt = new ReviewPrompt("s", "u"), Scores = scores, Reviews = reviews };
            Dictionary<string, double>? minimums = random.Next(2) == 0 ? null : new() { [skills[0].Id] = 4 };

            ScoredResponse expected = Previous.From("id", result, minimums);
            ScoredResponse actual = ScoredResponse.From("id", result, minimums);
            shared += expected.Review is null ? 0 : 1;
            panels += expected.JudgeModel.Contains(',', StringComparison.Ordinal) ? 1 : 0;
            Assert.Equal(expected.Review, actual.Review);
            Assert.Equal(expected.Skills, actual.Skills);
            Assert.Equal(expected.JudgeModel, actual.JudgeModel);
            Assert.Equal(string.Join(", ", reviews.Select(r => r.Judge).Distinct()), result.JudgeModel);
        }
        Assert.InRange(shared, 5_000, 19_000);
        Assert.InRange(panels, 1_000, 19_000);
    }

    /// <summary>The definitions before the allocation work, kept as the oracle.</summary>
    private static class Previous
    {
        public static ScoredResponse From(string id, JudgeResult result, IReadOnlyDictionary<string, double>? minScores)
        {
            ScoredSkill[] skills = [.. result.Scores.Select(s => ScoredSkill.From(s, minScores is not null && minScores.TryGetValue(s.Skill.Id, out double m) ? m : null))];
            string? review = skills.Where(s => s.Feedback is { Length: > 0 }).GroupBy(s => s.Feedback!, StringComparer.Ordinal)
                .Where(g => g.Count() > 1).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            if (review is not null)
                skills = [.. skills.Select(s => string.Equals(s.Feedback, review, StringComparison.Ordinal) ? s with { Feedback = null } : s)];
            return new ScoredResponse
            {
                Id = id,
                Instruction = result.Request.Instruction,
                Skills = skills,
                Review = review,
                JudgeModel = string.Join(", ", result.Reviews.Select(r => r.Judge).Distinct()),
            };
        }
    }
}
