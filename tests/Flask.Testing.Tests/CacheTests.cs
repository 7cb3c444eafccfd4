using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The response cache: a repeated run asks the judge nothing; replay mode never calls a judge.</summary>
public sealed class CacheTests : IDisposable
{
    private readonly TempDirectory _cache = new("flask-cache-tests");

    public void Dispose() => _cache.Dispose();

    private static JudgeRequest Request(string response) => new()
    {
        Instruction = "Summarize the plot of Hamlet in one sentence.",
        Response = response,
        Skills = [FlaskSkills.Comprehension, FlaskSkills.Conciseness],
        Label = "hamlet-summary",
    };

    private FlaskJudgeSettings Settings(LoopbackJudge? judge, JudgeCacheMode mode) => new()
    {
        Endpoint = judge is null ? null : new JudgeEndpoint(judge.BaseUrl, "loopback-judge"),
        Cache = new JudgeCacheOptions { Mode = mode, Directory = _cache },
    };

    private static async Task<JudgeResult> Judge(FlaskJudgeSettings settings, string response) =>
        await new FlaskJudge(FlaskJudgeClient.Create(settings)!).JudgeAsync(Request(response), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_second_identical_run_makes_zero_judge_requests()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        FlaskJudgeSettings settings = Settings(judge, JudgeCacheMode.ReadWrite);

        JudgeResult first = await Judge(settings, "A prince avenges his father.");
        JudgeResult second = await Judge(settings, "A prince avenges his father.");

        Assert.Equal(1, judge.RequestCount);
        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.Scores.Select(s => s.Score), second.Scores.Select(s => s.Score));
        Assert.Equal(first.Reviews.Single().Text, second.Reviews.Single().Text);
    }

    [Fact]
    public async Task Anything_that_changes_the_answer_misses_the_cache()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        FlaskJudgeSettings settings = Settings(judge, JudgeCacheMode.ReadWrite);
        var judgeWith = (FlaskJudgeOptions options) => new FlaskJudge(FlaskJudgeClient.Create(settings)!, options);

        await judgeWith(new FlaskJudgeOptions()).JudgeAsync(Request("A"), TestContext.Current.CancellationToken);
        await judgeWith(new FlaskJudgeOptions()).JudgeAsync(Request("B"), TestContext.Current.CancellationToken);                  // response
        await judgeWith(new FlaskJudgeOptions { Model = "other-judge" }).JudgeAsync(Request("A"), TestContext.Current.CancellationToken); // model
        await judgeWith(new FlaskJudgeOptions { Temperature = 0.7f }).JudgeAsync(Request("A"), TestContext.Current.CancellationToken);    // options
        var rewordedRubric = new Skill("Comprehension", "Comprehension", Ability.ProblemHandling, "Reworded criteria?", FlaskSkills.Comprehension.Scoring);
        await judgeWith(new FlaskJudgeOptions()).JudgeAsync(Request("A") with { Skills = [rewordedRubric, FlaskSkills.Conciseness] }, TestContext.Current.CancellationToken); // rubric text

        Assert.Equal(5, judge.RequestCount);
    }

    [Fact]
    public async Task The_stored_form_is_deterministic_indented_json()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");
        string file = Assert.Single(Directory.GetFiles(_cache, "*.json"));
        string stored = File.ReadAllText(file);

        File.Delete(file);
        await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        Assert.Equal(stored, File.ReadAllText(Assert.Single(Directory.GetFiles(_cache, "*.json"))));
        Assert.StartsWith("{\n  \"", stored);
        Assert.EndsWith("}\n", stored);
    }

    [Fact]
    public async Task Replay_answers_from_a_recorded_cache_without_any_judge()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(2)))
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        JudgeResult replayed = await Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.");

        Assert.True(replayed.CacheHit);
        Assert.All(replayed.Scores, s => Assert.Equal(2, s.Score));
    }

    [Fact]
    public async Task Replay_with_an_empty_cache_fails_clearly_naming_the_request_and_how_to_record()
    {
        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Settings(judge: null, JudgeCacheMode.Replay), "Never recorded."));

        Assert.Equal("hamlet-summary", miss.Label);
        Assert.Contains("No recorded judge answer for 'hamlet-summary'", miss.Message);
        Assert.Contains("FLASK_JUDGE_CACHE=readwrite", miss.Message);
        Assert.Contains(_cache, miss.Message);
    }

    [Fact]
    public async Task An_answer_asked_again_after_a_judge_error_is_cached_apart_and_replays_the_same_way()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls == 1 ? JudgeReply.Review("no scores") : LoopbackJudge.ScoreAll(5)(call));
        JudgeResult live = await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        JudgeResult replayed = await Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.");

        Assert.Equal(2, judge.RequestCount);
        Assert.Equal(2, Directory.GetFiles(_cache, "*.json").Length);
        Assert.Equal(live.Reviews.Select(r => r.Text), replayed.Reviews.Select(r => r.Text));
        Assert.All(replayed.Scores, s => Assert.Equal(5, s.Score));
    }
}
