using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// A judge that hangs, breaks, floods, rejects or echoes the key: every call ends in bounded time with one
/// <see cref="JudgeUnavailableException"/> line naming the endpoint, the model and the setting to change, never with the
/// key, and a judge that keeps failing stops the run instead of being asked again and again.
/// </summary>
public sealed class HostileJudgeTests
{
    private const string Key = "sk-hostile-secret-0b9e44d1c7";
    private const string Model = "hostile-judge";

    // A timeout long enough that a busy machine never hits it, except in the tests of timeouts.
    private static readonly JudgeResilienceOptions Fast = new()
    {
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
        MaxConsecutiveFailures = 100,
    };

    private static readonly JudgeResilienceOptions ShortTimeout = Fast with { RequestTimeout = TimeSpan.FromSeconds(1) };

    // Far more than retries × timeout, far less than "forever": today a stalled body never ends.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    private static JudgeRequest Request() => new()
    {
        Instruction = "What is the capital of France?",
        Response = "Paris.",
        Skills = [FlaskSkills.Factuality, FlaskSkills.Readability],
    };

    private static IChatClient Client(Uri baseUrl, JudgeResilienceOptions? resilience = null) =>
        FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(baseUrl, Model, Key), resilience ?? Fast);

    private static async Task<JudgeUnavailableException> FailsAsync(IChatClient client)
    {
        var clock = Stopwatch.StartNew();
        Task<JudgeResult> call = new FlaskJudge(client).JudgeAsync(Request(), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<JudgeUnavailableException>(() => call.WaitAsync(Bound, TestContext.Current.CancellationToken));
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        AssertOneCleanLine(error);
        return error;
    }

    /// <summary>One line, naming the endpoint and the model, with the key nowhere in the exception or its causes.</summary>
    private static void AssertOneCleanLine(JudgeUnavailableException error)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Contains(Model, error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains("FLASK_JUDGE_", error.Message);
        Assert.DoesNotContain(Key, error.ToString());
        for (Exception? e = error; e is not null; e = e.InnerException)
            Assert.DoesNotContain(Key, e.Message);
    }

    [Theory]
    [InlineData(HostileMode.StallMidBody, "FLASK_JUDGE_TIMEOUT_SECONDS")]
    [InlineData(HostileMode.SlowHeaders, "FLASK_JUDGE_TIMEOUT_SECONDS")]
    [InlineData(HostileMode.CloseMidBody, "FLASK_JUDGE_ENDPOINT")]
    [InlineData(HostileMode.ConnectionReset, "FLASK_JUDGE_ENDPOINT")]
    [InlineData(HostileMode.InvalidJson, "FLASK_JUDGE_ENDPOINT")]
    [InlineData(HostileMode.HugeBody, "MaxResponseBytes")]
    public async Task A_broken_answer_is_retried_then_fails_in_bounded_time_with_one_line(HostileMode mode, string setting)
    {
        await using var judge = await HostileJudge.StartAsync(mode);
        bool timesOut = mode is HostileMode.StallMidBody or HostileMode.SlowHeaders;

        JudgeUnavailableException error = await FailsAsync(Client(judge.BaseUrl, timesOut ? ShortTimeout : Fast));

        Assert.Equal(1 + Fast.MaxRetries, judge.RequestCount); // retried like any transient fault
        Assert.False(error.StopsTheRun);
        Assert.Contains("2 attempts", error.Message);
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public async Task A_huge_answer_is_cut_at_the_cap_not_read_whole()
    {
        await using var judge = await HostileJudge.StartAsync(HostileMode.HugeBody);
        var options = Fast with { MaxRetries = 0, MaxResponseBytes = 64 * 1024 };

        JudgeUnavailableException error = await FailsAsync(Client(judge.BaseUrl, options));

        Assert.Contains("larger than 64 KB", error.Message);
        Assert.Contains("MaxResponseBytes", error.Message);
        // The client hung up: the server could not send its 50 MB (more than any socket buffer holds), so the answer
        // was never read whole. Today both 50 MB answers are read, parsed and kept.
        Assert.Equal(1, judge.RequestCount);
        Assert.Empty(judge.Answered);
    }

    [Fact]
    public async Task A_rejected_key_is_not_retried_names_the_variable_and_stops_the_run()
    {
        await using var judge = await HostileJudge.StartAsync(HostileMode.Unauthorized);
        IChatClient client = Client(judge.BaseUrl);

        JudgeUnavailableException error = await FailsAsync(client);
        JudgeUnavailableException again = await FailsAsync(client);

        Assert.True(error.StopsTheRun);
        Assert.Contains("401", error.Message);
        Assert.Contains("FLASK_JUDGE_API_KEY", error.Message);
        Assert.True(again.StopsTheRun);
        Assert.Equal(1, judge.RequestCount); // neither retried nor asked again: the key is not sent to a server that rejects it
    }

    [Fact]
    public async Task A_server_that_echoes_the_key_in_its_error_never_gets_it_into_a_message()
    {
        await using var judge = await HostileJudge.StartAsync(HostileMode.EchoAuthorization);

        JudgeUnavailableException error = await FailsAsync(Client(judge.BaseUrl));

        Assert.Contains("400", error.Message);
        Assert.Contains("Request rejected", error.Message); // the server's own words are kept, the key is not
        Assert.Contains($"Bearer {Key}", judge.Calls[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task A_dead_port_is_one_line_naming_the_endpoint_setting()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        JudgeUnavailableException error = await FailsAsync(Client(new Uri($"http://127.0.0.1:{port}/v1/")));

        Assert.False(error.StopsTheRun);
        Assert.Contains("FLASK_JUDGE_ENDPOINT", error.Message);
        Assert.Contains("2 attempts", error.Message);
    }

    [Fact]
    public async Task A_judge_that_keeps_failing_stops_the_run_after_the_consecutive_failure_limit()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Error(503));
        IChatClient client = Client(judge.BaseUrl, Fast with { MaxConsecutiveFailures = 3 });

        JudgeUnavailableException first = await FailsAsync(client);   // attempts 1 and 2
        JudgeUnavailableException second = await FailsAsync(client);  // attempt 3 fails, its retry is not sent
        var clock = Stopwatch.StartNew();
        JudgeUnavailableException third = await FailsAsync(client);   // not sent at all

        Assert.False(first.StopsTheRun);
        Assert.True(second.StopsTheRun);
        Assert.True(third.StopsTheRun);
        Assert.Equal(3, judge.RequestCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"a stopped judge took {clock.Elapsed} to refuse");
        Assert.Contains("3 ", third.Message);
        Assert.Contains("FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES", third.Message);
    }

    [Fact]
    public async Task A_success_resets_the_consecutive_failure_count()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls % 3 == 0 ? LoopbackJudge.ScoreAll(4)(call) : JudgeReply.Error(503));
        IChatClient client = Client(judge.BaseUrl, Fast with { MaxRetries = 2, MaxConsecutiveFailures = 3 });

        for (int i = 0; i < 5; i++)
        {
            JudgeResult result = await new FlaskJudge(client).JudgeAsync(Request(), TestContext.Current.CancellationToken);
            Assert.All(result.Scores, s => Assert.Equal(SkillScoreStatus.Scored, s.Status));
        }
        Assert.Equal(15, judge.RequestCount);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stays_cancellation_and_does_not_count_as_a_failure()
    {
        await using var judge = await HostileJudge.StartAsync(HostileMode.SlowHeaders);
        IChatClient client = Client(judge.BaseUrl, Fast with { RequestTimeout = TimeSpan.FromSeconds(30), MaxConsecutiveFailures = 1 });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FlaskJudge(client).JudgeAsync(Request(), cancel.Token));

        judge.Script = LoopbackJudge.ScoreAll(5);
        JudgeResult result = await new FlaskJudge(client).JudgeAsync(Request(), TestContext.Current.CancellationToken);
        Assert.Equal(5, result.Scores[0].Score);
    }

    [Fact]
    public async Task An_unknown_model_or_path_stops_the_run_naming_both_settings()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => new JudgeReply { Status = 404, RawBody = "{\"error\":{\"message\":\"model 'hostile-judge' not found\"}}" });

        JudgeUnavailableException error = await FailsAsync(Client(judge.BaseUrl));

        Assert.True(error.StopsTheRun);
        Assert.Contains("HTTP 404 (model 'hostile-judge' not found)", error.Message);
        Assert.Contains("FLASK_JUDGE_MODEL", error.Message);
        Assert.Contains("FLASK_JUDGE_ENDPOINT", error.Message);
        Assert.Equal(1, judge.RequestCount);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"choices\":[]}")]
    [InlineData("{\"choices\":[{\"index\":0}]}")]
    public async Task A_200_that_is_JSON_but_no_chat_completion_never_becomes_a_score(string body)
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => new JudgeReply { RawBody = body });

        try
        {
            JudgeResult result = await new FlaskJudge(Client(judge.BaseUrl)).JudgeAsync(Request(), TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
            Assert.All(result.Scores, s => Assert.Equal(SkillScoreStatus.JudgeError, s.Status));
        }
        catch (JudgeUnavailableException error)
        {
            AssertOneCleanLine(error);
        }
    }
}
