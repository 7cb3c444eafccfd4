using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The judge's API key reaches the judge as its authorization header, and nowhere else.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private const string Key = "sk-flask-secret-7f3a9c1e5b2d";
    private readonly TempDirectory _work = new("flask-key-tests");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_judge_that_echoes_the_key_in_its_answer_gets_it_into_no_score_cache_entry_or_result()
    {
        await using var judge = await LoopbackJudge.StartAsync(call => JudgeReply.Review(
            $"Factuality: the request carried {call.Headers["Authorization"]} and the answer is right.\n{{'Factuality': 5}}"));
        string cache = Path.Combine(_work, "echo-cache");
        IChatClient client = FlaskJudgeClient.WithCache(FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge", Key)), cache);

        JudgeResult result = await new FlaskJudge(client).JudgeAsync(new JudgeRequest
        {
            Instruction = "Name a prime number.",
            Response = "7",
            Skills = [FlaskSkills.Factuality],
        }, TestContext.Current.CancellationToken);
        string line = ResultsJson.ToLine(ScoredResponse.From("echo", result));

        Assert.Equal(5, result.Scores[0].Score);
        Assert.Contains("Bearer [API key]", result.Reviews[0].Text, StringComparison.Ordinal); // the echo is visible, the key is not
        Assert.DoesNotContain(Key, string.Join("\n", result.Reviews.Select(r => r.Text)), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, line, StringComparison.Ordinal);
        string[] entries = Directory.GetFiles(cache, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(entries);
        Assert.All(entries, f => Assert.DoesNotContain(Key, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_evaluation_writes_the_key_to_no_file_result_or_message()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls switch
        {
            1 => JudgeReply.Error(500),                // a retried failure
            2 => JudgeReply.Review("unreadable"),      // a judge error, asked again
            _ => LoopbackJudge.ScoreAll(4)(call),
        });
        var environment = new System.Collections.Hashtable
        {
            [FlaskJudgeSettings.EndpointVariable] = judge.BaseUrl.ToString(),
            [FlaskJudgeSettings.ModelVariable] = "loopback-judge",
            [FlaskJudgeSettings.ApiKeyVariable] = Key,
            [FlaskJudgeSettings.CacheDirectoryVariable] = Path.Combine(_work, "cache"),
        };
        FlaskJudgeSettings settings = FlaskJudgeSettings.FromEnvironment(environment) with
        {
            Resilience = new JudgeResilienceOptions { RetryDelay = TimeSpan.FromMilliseconds(10) },
        };
        IChatClient client = FlaskJudgeClient.Create(settings)!;
        var evaluator = new FlaskEvaluator([FlaskSkills.Factuality, FlaskSkills.Readability], settings.Judge);

        EvaluationResult result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, "Name a prime number.")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "7")),
            new ChatConfiguration(client),
            [new FlaskEvaluationContext("7")],
            TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_work);
        File.WriteAllText(Path.Combine(_work, "result.json"), JsonSerializer.Serialize(result));

        // The key was really used…
        Assert.All(judge.Calls, c => Assert.Equal($"Bearer {Key}", c.Headers["Authorization"]));
        Assert.Equal(3, judge.RequestCount);
        // …and appears in nothing written or shown.
        string[] files = Directory.GetFiles(_work, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.Contains("cache", StringComparison.Ordinal));
        Assert.All(files, f => Assert.DoesNotContain(Key, File.ReadAllText(f)));
        Assert.DoesNotContain(Key, settings.ToString());
        Assert.DoesNotContain(Key, settings.Endpoint!.ToString());
        Assert.DoesNotContain(Key, string.Join("\n", result.Metrics.Values.SelectMany(m => m.Metadata ?? new System.Collections.Generic.Dictionary<string, string>()).Select(kv => kv.Value)));
    }

    [Fact]
    public async Task A_rejected_key_fails_with_a_message_that_does_not_contain_it()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => new JudgeReply { Status = 401, RawBody = "{\"error\":{\"message\":\"Incorrect API key provided\"}}" });
        IChatClient client = FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, "loopback-judge", Key));

        var error = await Assert.ThrowsAsync<JudgeUnavailableException>(() => new FlaskJudge(client).JudgeAsync(new JudgeRequest
        {
            Instruction = "Hi",
            Response = "Hello",
            Skills = [FlaskSkills.Readability],
        }, TestContext.Current.CancellationToken));

        Assert.Contains("401", error.ToString());
        Assert.DoesNotContain(Key, error.ToString());
    }
}
