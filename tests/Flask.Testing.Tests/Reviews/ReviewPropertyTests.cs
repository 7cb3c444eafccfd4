using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// Properties of the review reader over thousands of generated reviews (fixed seeds), against FLASK's own reading as
/// the oracle (<see cref="FlaskReference"/>): never a score that no score-shaped text gave; the same value as FLASK
/// wherever FLASK reads a valid 1..5 score (and N/A where FLASK reads only N/A); out-of-range never a score.
/// </summary>
public sealed class ReviewPropertyTests
{
    private const int Reviews = 6000;

    [Fact]
    public void Generated_reviews_read_as_FLASK_reads_them_and_give_no_score_no_text_gave()
    {
        var generator = new ReviewGenerator(seed: 20230710);
        int flaskScores = 0, flaskNotApplicable = 0, ours = 0;
        var failures = new List<string>();
        for (int n = 0; n < Reviews && failures.Count < 5; n++)
        {
            GeneratedReview review = generator.Next();
            ReviewReading read = ReviewParser.Read(review.Text, review.Skills, review.Truncated, review.Response);
            IReadOnlyList<FlaskReference.Entry> flask = FlaskReference.Read(review.Text);
            foreach (SkillReading reading in read.Skills)
            {
                var forSkill = FlaskReference.For(flask, reading.Skill);
                string where = $"review #{n} ({review.Style}), {reading.Skill.Id}: read {reading.Status} {reading.Score}\n{review.Text}";
                if (reading.Status == SkillScoreStatus.Scored)
                {
                    ours++;
                    if (reading.Score is not (>= 1 and <= 5))
                        failures.Add($"out of range: {where}");
                    if (!review.Planted.TryGetValue(reading.Skill, out var planted) || !planted.Contains(reading.Score!.Value))
                        failures.Add($"a score no score-shaped text gave: {where}");
                }
                if (FlaskReference.ValidScore(forSkill) is { } expected)
                {
                    flaskScores++;
                    if (reading.Status != SkillScoreStatus.Scored || reading.Score != expected)
                        failures.Add($"FLASK reads {expected}: {where}");
                }
                else if (FlaskReference.OnlyNotApplicable(forSkill))
                {
                    flaskNotApplicable++;
                    if (reading.Status != SkillScoreStatus.NotApplicable)
                        failures.Add($"FLASK reads N/A: {where}");
                }
            }
            foreach (var (key, status, score) in read.Unrequested)
            {
                if (status == SkillScoreStatus.Scored && score is not (>= 1 and <= 5))
                    failures.Add($"unrequested '{key}' out of range in review #{n}:\n{review.Text}");
                if (review.Skills.Any(s => s.IsNamed(key)))
                    failures.Add($"unrequested '{key}' names a requested skill in review #{n}:\n{review.Text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n----\n", failures));
        // The properties are not vacuous: FLASK reads thousands of scores and N/As, and so do we.
        Assert.True(flaskScores > 2000, $"FLASK read only {flaskScores} scores");
        Assert.True(flaskNotApplicable > 300, $"FLASK read only {flaskNotApplicable} N/As");
        Assert.True(ours > flaskScores, $"read {ours} scores, FLASK {flaskScores}");
    }

    [Fact]
    public void The_oracle_is_FLASKs_reading()
    {
        // A few hand-checked readings of FLASK's parse_score and aggregate_skill.py, so the oracle itself is tested.
        var read = FlaskReference.Read("x {'a': 1} y {'Logical_Robustness': '4', 'Readability of User Alignment': 3e0, 'Factuality': 'N/A', 'conciseness': (5), 'completeness': +2}");
        Assert.Equal(["robustness=4", "readability=3", "factuality=N/A", "conciseness=5", "completeness=2"],
            read.Select(e => $"{e.Word}={(e.NotApplicable ? "N/A" : e.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        Assert.Empty(FlaskReference.Read("{'factuality': 4/5}"));                   // literal_eval refuses a division
        Assert.Empty(FlaskReference.Read("{'factuality': 4} and {braces}"));         // the last {...} is not a dict
        Assert.Empty(FlaskReference.Read("{'factuality': True}"));                   // lowercased to 'true': not a literal
        Assert.Empty(FlaskReference.Read("{'factuality': --4}"));                    // one sign only
        Assert.Equal([4.0], FlaskReference.Read("{'factuality': 2, 'Factuality': 4}").Select(e => e.Number!.Value)); // last value of a repeated key
        Assert.Null(FlaskReference.Read("{'factuality': 'good'}")[0].Number);         // float() refuses it
    }

    [Fact]
    public async Task Re_asks_complete_the_first_review_over_generated_review_sequences()
    {
        const int cases = 400;
        var generator = new ReviewGenerator(seed: 4283);
        var scripts = new ConcurrentDictionary<string, GeneratedReview[]>();
        var served = new ConcurrentDictionary<string, int>();
        await using var judge = await LoopbackJudge.StartAsync(call =>
        {
            string id = scripts.Keys.Single(k => call.UserPrompt.Contains($"[Instruction]\n{k}\n", System.StringComparison.Ordinal));
            int attempt = served.AddOrUpdate(id, 1, (_, a) => a + 1);
            GeneratedReview reply = scripts[id][attempt - 1];
            return new JudgeReply { Content = reply.Text, FinishReason = reply.Truncated ? "length" : "stop" };
        });
        var client = FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge"));
        var failures = new List<string>();
        int keptFromFirst = 0;

        for (int n = 0; n < cases && failures.Count < 5; n++)
        {
            GeneratedReview first = generator.Next();
            GeneratedReview[] attempts = [first, .. Enumerable.Range(0, 2).Select(_ => generator.Next() with { Skills = first.Skills })];
            string id = $"case {n}";
            scripts[id] = attempts;
            // Each attempt may quote score lines planted in its own response: the response under review holds them all.
            string response = string.Join("\n", attempts.Select(a => a.Response));
            var request = new JudgeRequest { Instruction = id, Response = response, Skills = first.Skills };

            JudgeResult result = await new FlaskJudge(client, new FlaskJudgeOptions { JudgeErrorRetries = 2 })
                .JudgeAsync(request, TestContext.Current.CancellationToken);

            int asked = result.Reviews.Count;
            var alone = attempts.Take(asked).Select(a => ReviewParser.Read(a.Text, first.Skills, a.Truncated, response).Skills).ToArray();
            for (int i = 0; i < first.Skills.Length; i++)
            {
                SkillScore score = result.Scores[i];
                SkillReading? expected = alone.Select(a => a[i]).FirstOrDefault(r => r.Status != SkillScoreStatus.JudgeError);
                string where = $"case {n}, {score.Skill.Id}: {score.Status} {score.Score}, expected {expected?.Status} {expected?.Score}\n" +
                    string.Join("\n== re-ask ==\n", attempts.Take(asked).Select(a => a.Text));
                if ((expected?.Status ?? SkillScoreStatus.JudgeError) != score.Status || expected?.Score != score.Score)
                    failures.Add($"not the first attempt's reading: {where}");
                if (score.Status == SkillScoreStatus.Scored && !attempts.Take(asked).Any(a => a.Planted.TryGetValue(score.Skill, out var p) && p.Contains(score.Score!.Value)))
                    failures.Add($"a score no score-shaped text gave: {where}");
                if (FlaskReference.ValidScore(FlaskReference.For(FlaskReference.Read(first.Text), score.Skill)) is { } flask)
                {
                    keptFromFirst++;
                    if (score.Score != flask)
                        failures.Add($"the first review's FLASK score {flask} was not kept: {where}");
                }
            }
            if (asked < 3 && result.HasJudgeErrors)
                failures.Add($"case {n}: stopped after {asked} attempts with judge errors left");
        }

        Assert.True(failures.Count == 0, string.Join("\n----\n", failures));
        Assert.True(keptFromFirst > 150, $"only {keptFromFirst} first-review scores checked");
    }
}
