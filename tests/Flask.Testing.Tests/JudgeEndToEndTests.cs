using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The judge through the real OpenAI client, over real HTTP, to a loopback OpenAI-compatible server.</summary>
public sealed class JudgeEndToEndTests
{
    private static readonly JudgeResilienceOptions Fast = new()
    {
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(1),
    };

    private static JudgeRequest Request(string response = "Paris is the capital of France.", params Skill[] skills) => new()
    {
        Instruction = "What is the capital of France?",
        Response = response,
        ReferenceAnswer = "Paris",
        Skills = skills.Length > 0 ? skills : [FlaskSkills.Factuality, FlaskSkills.Conciseness, FlaskSkills.Readability],
        Label = "capital-of-france",
    };

    private static IChatClient Client(LoopbackJudge judge, JudgeResilienceOptions? resilience = null) =>
        FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge"), resilience ?? Fast);

    private static string Scores(JudgeResult result) => string.Join(", ", result.Scores.Select(s => s.Status switch
    {
        SkillScoreStatus.Scored => $"{s.Skill.Id}={s.Score}",
        SkillScoreStatus.NotApplicable => $"{s.Skill.Id}=N/A",
        _ => $"{s.Skill.Id}=error",
    }));

    [Fact]
    public async Task A_long_review_shared_by_its_skills_is_stored_once_in_the_results_line()
    {
        // 200 KB of prose without a section per skill, then the dict: the review is every skill's feedback.
        string prose = string.Concat(Enumerable.Repeat("The answer names the right city and says nothing more. ", 3_700));
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Review(prose + "\n{'Factuality': 5, 'Conciseness': 4, 'Readability': 4}"));

        JudgeResult result = await new FlaskJudge(Client(judge, Fast with { RequestTimeout = TimeSpan.FromSeconds(10) }))
            .JudgeAsync(Request(), TestContext.Current.CancellationToken);
        ScoredResponse response = ScoredResponse.From("capital", result);
        string line = ResultsJson.ToLine(response);
        ScoredResponse read = JsonSerializer.Deserialize<ScoredResponse>(line, ResultsJson.Options)!;

        Assert.InRange(line.Length, prose.Length, prose.Length + 4_000); // once, not three times
        Assert.All(read.Skills, s => Assert.Null(s.Feedback));
        Assert.All(read.Skills, s => Assert.StartsWith(prose.Trim()[..200], read.FeedbackOf(s), StringComparison.Ordinal));
        Assert.Equal(result.Scores.Select(s => s.Feedback), read.Skills.Select(read.FeedbackOf));
    }

    [Fact]
    public async Task Feedback_of_its_own_stays_with_its_skill()
    {
        await using var judge = await LoopbackJudge.StartAsync(call => JudgeReply.Scores(("Factuality", 5), ("Conciseness", 4), ("Readability", 3)));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);
        ScoredResponse response = ScoredResponse.From("capital", result);

        Assert.Equal(result.Scores.Select(s => s.Feedback), response.Skills.Select(response.FeedbackOf));
        Assert.Equal(result.Scores.Select(s => s.Feedback).Distinct().Count() < 3, response.Review is not null);
    }

    [Fact]
    public async Task A_normal_answer_scores_every_skill_in_one_call()
    {
        await using var judge = await LoopbackJudge.StartAsync(call => JudgeReply.Scores(("Factuality", 5), ("Conciseness", 4), ("Readability", 3)));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=5, Conciseness=4, Readability=3", Scores(result));
        Assert.Equal(1, judge.RequestCount);
        JudgeCall call = judge.Calls.Single();
        Assert.Equal(["Factuality", "Conciseness", "Readability"], call.SkillNames());
        Assert.Equal(result.Prompt.User, call.UserPrompt);
        Assert.Contains("\"temperature\":0", call.Body);
        Assert.Contains("\"max_completion_tokens\":1024", call.Body);
        Assert.DoesNotContain("flask.", call.Body); // the cache-key properties never reach the server
        Assert.Equal("loopback-judge", result.JudgeModel);
        Assert.True(result.InputTokens > 0);
        Assert.False(result.CacheHit);
        Assert.Contains("factuality", result.Scores[0].Feedback, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call =>
            ++calls == 1 ? JudgeReply.Error(429, retryAfterSeconds: 1) : LoopbackJudge.ScoreAll(4)(call));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=4, Conciseness=4, Readability=4", Scores(result));
        Assert.Equal(2, judge.RequestCount);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task A_500_is_retried()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls <= 2 ? JudgeReply.Error(500) : LoopbackJudge.ScoreAll(5)(call));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=5, Conciseness=5, Readability=5", Scores(result));
        Assert.Equal(3, judge.RequestCount);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_abandoned_and_retried()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call =>
            ++calls == 1 ? LoopbackJudge.ScoreAll(1)(call) with { Delay = TimeSpan.FromSeconds(5) } : LoopbackJudge.ScoreAll(3)(call));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=3, Conciseness=3, Readability=3", Scores(result));
        Assert.Equal(2, judge.RequestCount);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls == 1 ? new JudgeReply { DropConnection = true } : LoopbackJudge.ScoreAll(2)(call));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=2, Conciseness=2, Readability=2", Scores(result));
    }

    [Fact]
    public async Task A_judge_that_keeps_failing_fails_the_request_after_the_retries()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Error(503));

        var error = await Assert.ThrowsAsync<JudgeUnavailableException>(() => new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(1 + Fast.MaxRetries, judge.RequestCount);
        Assert.Contains("HTTP 503", error.Message);
        Assert.Contains("503", error.Message);
    }

    [Fact]
    public async Task Garbage_is_asked_again_then_reported_as_a_judge_error_with_the_raw_review_kept()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Review("As an AI language model, I like this response."));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=error, Conciseness=error, Readability=error", Scores(result));
        Assert.Equal(2, judge.RequestCount); // asked once more (default JudgeErrorRetries = 1)
        Assert.Equal([1, 2], result.Reviews.Select(r => r.Attempt));
        Assert.All(result.Reviews, r => Assert.Equal("As an AI language model, I like this response.", r.Text));
        Assert.Equal("the judge's review has no readable scores", result.Scores[0].Error);
    }

    [Fact]
    public async Task A_truncated_review_is_asked_again_and_the_second_answer_counts()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls == 1
            ? new JudgeReply { Content = "Factuality: right.\n{'factuality': 5, 'concis", FinishReason = "length" }
            : LoopbackJudge.ScoreAll(4)(call));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=4, Conciseness=4, Readability=4", Scores(result));
        Assert.Equal(2, result.Reviews.Count);
    }

    [Fact]
    public async Task A_re_ask_completes_the_first_review_and_never_erases_what_it_scored()
    {
        // Issue 10, point 4: the first review scores two of three skills, the re-ask gives nothing usable.
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(_ => ++calls == 1
            ? JudgeReply.Review("{'Factuality': 4, 'Readability': 5}")
            : JudgeReply.Review("I would rather not score this."));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=4, Conciseness=error, Readability=5", Scores(result));
        Assert.Equal(2, judge.RequestCount);
        Assert.Equal("the judge gave no score for Conciseness; the judge's review has no readable scores", result["Conciseness"].Error);
    }

    [Fact]
    public async Task Per_skill_the_first_attempt_that_scored_it_wins()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(_ => ++calls switch
        {
            1 => JudgeReply.Review("{'Factuality': 4, 'Conciseness': 'N/A', 'Readability': 9}"),
            2 => JudgeReply.Review("{'Factuality': 1, 'Conciseness': 1, 'Readability': 'unclear'}"),
            _ => JudgeReply.Review("{'Factuality': 2, 'Conciseness': 2, 'Readability': 3}"),
        });

        JudgeResult result = await new FlaskJudge(Client(judge), new FlaskJudgeOptions { JudgeErrorRetries = 2 })
            .JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=4, Conciseness=N/A, Readability=3", Scores(result));
        Assert.Equal(3, judge.RequestCount);
    }

    [Fact]
    public async Task Scores_for_skills_not_requested_are_kept_in_the_result_and_the_results_line()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ =>
            JudgeReply.Scores(("Factuality", 5), ("Conciseness", 4), ("Readability", 4), ("Completeness", 2)));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);
        string line = ResultsJson.ToLine(ScoredResponse.From("capital", result));

        Assert.Equal("Factuality=5, Conciseness=4, Readability=4", Scores(result));
        UnrequestedScore completeness = Assert.Single(result.Unrequested);
        Assert.Equal(("completeness", SkillScoreStatus.Scored, (double?)2, 1), (completeness.Key, completeness.Status, completeness.Score, completeness.Sample));
        Assert.Contains("\"unrequested\":[{\"key\":\"completeness\",\"status\":\"scored\",\"score\":2,", line);
        Assert.DoesNotContain("unrequested", ResultsJson.ToLine(ScoredResponse.From("capital", result with { Unrequested = [] })));
    }

    [Fact]
    public async Task Wrong_or_missing_skills_are_judge_errors_for_those_skills_only()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 5), ("Harmlessness", 5)));

        JudgeResult result = await new FlaskJudge(Client(judge), new FlaskJudgeOptions { JudgeErrorRetries = 0 })
            .JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=5, Conciseness=error, Readability=error", Scores(result));
        Assert.Equal("the judge gave no score for Conciseness", result["Conciseness"].Error);
        Assert.True(result.HasJudgeErrors);
    }

    [Fact]
    public async Task NA_is_not_scored_and_not_an_error()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", "N/A"), ("Conciseness", 4), ("Readability", 4)));

        JudgeResult result = await new FlaskJudge(Client(judge)).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("Factuality=N/A, Conciseness=4, Readability=4", Scores(result));
        Assert.Null(result["factuality"].Score);
        Assert.Equal(1, judge.RequestCount); // N/A is an answer: nothing to ask again
    }

    [Fact]
    public async Task One_call_judges_any_number_of_skills_from_1_to_12_and_the_prompt_says_how_many()
    {
        await using var judge = await LoopbackJudge.StartAsync();

        JudgeResult one = await new FlaskJudge(Client(judge)).JudgeAsync(Request(skills: FlaskSkills.Harmlessness), TestContext.Current.CancellationToken);
        JudgeResult all = await new FlaskJudge(Client(judge)).JudgeAsync(Request(skills: [.. FlaskSkills.All]), TestContext.Current.CancellationToken);

        Assert.Equal(2, judge.RequestCount);
        Assert.Contains("in this 1 category", judge.Calls[0].UserPrompt);
        Assert.Contains("in these 12 categories", judge.Calls[1].UserPrompt);
        Assert.Equal(12, all.Scores.Count(s => s.Score == 4));
        Assert.Equal(4, one.Scores.Single().Score);
        await Assert.ThrowsAsync<ArgumentException>(() => new FlaskJudge(Client(judge)).JudgeAsync(Request() with { Skills = [] }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => new FlaskJudge(Client(judge)).JudgeAsync(Request() with { Skills = [FlaskSkills.Factuality, FlaskSkills.Factuality] }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task K_samples_report_the_mean_the_spread_and_each_sample()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => LoopbackJudge.ScoreAll(++calls % 2 == 1 ? 3 : 5)(call));

        JudgeResult result = await new FlaskJudge(Client(judge), new FlaskJudgeOptions { Samples = 4 })
            .JudgeAsync(Request(), TestContext.Current.CancellationToken);

        SkillScore factuality = result["Factuality"];
        Assert.Equal(4, judge.RequestCount);
        Assert.Equal(4.0, factuality.Score);
        Assert.Equal([3.0, 3.0, 5.0, 5.0], factuality.Samples.Select(s => s.Score!.Value).Order());
        Assert.Equal(1.1547, factuality.Spread!.Value, precision: 4);
        Assert.Null(factuality.Agreement);
    }

    [Fact]
    public async Task A_panel_of_judges_reports_each_member_and_their_agreement()
    {
        await using var lenient = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));
        await using var strict = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(3));
        await using var alsoStrict = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(3));
        var panel = new[] { new JudgeMember("lenient", Client(lenient)), new JudgeMember("strict", Client(strict)), new JudgeMember("strict-2", Client(alsoStrict)) };

        JudgeResult result = await new FlaskJudge(panel).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        SkillScore score = result["Readability"];
        Assert.Equal(11.0 / 3, score.Score!.Value, precision: 6);
        Assert.Equal(["lenient", "strict", "strict-2"], score.Samples.Select(s => s.Judge));
        Assert.Equal(1.0 / 3, score.Agreement!.Value, precision: 6); // 1 of 3 pairs agree
        Assert.Equal("lenient, strict, strict-2", result.JudgeModel);
    }

    [Fact]
    public async Task The_concurrency_limit_holds_however_many_requests_are_started()
    {
        await using var judge = await LoopbackJudge.StartAsync(call => LoopbackJudge.ScoreAll(4)(call) with { Delay = TimeSpan.FromMilliseconds(150) });
        var flask = new FlaskJudge(Client(judge, Fast with { MaxConcurrency = 2 }));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => flask.JudgeAsync(Request($"Answer {i}"), TestContext.Current.CancellationToken)));

        Assert.Equal(8, judge.RequestCount);
        Assert.Equal(2, judge.MaxConcurrentRequests);
    }

    [Fact]
    public async Task The_requests_per_minute_limit_holds_back_requests_over_it()
    {
        await using var judge = await LoopbackJudge.StartAsync();
        var flask = new FlaskJudge(Client(judge, Fast with { RequestsPerMinute = 3 }));

        var first = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => flask.JudgeAsync(Request($"Answer {i}"), TestContext.Current.CancellationToken)));
        using var stop = new System.Threading.CancellationTokenSource();
        Task<JudgeResult> fourth = flask.JudgeAsync(Request("Answer 3"), stop.Token);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.Equal(3, judge.RequestCount); // the fourth waits for the window to move on
        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, first.Length);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fourth);
    }
}
