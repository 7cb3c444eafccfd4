using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// What a judge call reports to OpenTelemetry, heard through an ActivityListener and a MeterListener while the judge
/// answers over real HTTP from the loopback server. Each test judges with its own model name and looks only at what
/// carries it, since other test classes judge at the same time.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private const string Key = "sk-telemetry-9f3c51d2e7a04b6c";
    private readonly string _model = $"telemetry-{Guid.NewGuid():N}";
    private readonly TempDirectory _cache = new("flask-telemetry");
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        // Every source, so that the HTTP client's own spans under the judge call are checked for the key too.
        _activityListener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FlaskTelemetry.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _meterListener.SetMeasurementEventCallback<long>((i, value, tags, _) => Measured(i, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((i, value, tags, _) => Measured(i, value, tags));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
        _cache.Dispose();
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>();
        foreach (var tag in tags)
            dictionary[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, dictionary));
    }

    private Activity[] JudgeSpans => [.. _activities.Where(a => a.Source.Name == FlaskTelemetry.ActivitySourceName && Equals(a.GetTagItem("gen_ai.request.model"), _model)).OrderBy(a => a.StartTimeUtc)];

    private (double Value, Dictionary<string, object?> Tags)[] Measurements(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("gen_ai.request.model"), _model)).Select(m => (m.Value, m.Tags))];

    private static JudgeRequest Request() => new()
    {
        Instruction = "What is the capital of France?",
        Response = "Paris is the capital of France.",
        Skills = [FlaskSkills.Factuality, FlaskSkills.Conciseness, FlaskSkills.Readability],
    };

    private IChatClient Client(LoopbackJudge judge) => FlaskJudgeClient.OpenAICompatible(new JudgeEndpoint(judge.BaseUrl, _model, Key), new JudgeResilienceOptions
    {
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(5),
    });

    [Fact]
    public async Task A_judge_call_is_one_GenAI_span_with_skills_tokens_cache_status_and_retries_and_its_metrics()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls == 1 ? JudgeReply.Error(500) : LoopbackJudge.ScoreAll(4)(call));

        JudgeResult result = await new FlaskJudge(Client(judge), new FlaskJudgeOptions { Model = _model }).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Activity span = Assert.Single(JudgeSpans);
        Assert.Equal($"chat {_model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(new[] { "Factuality", "Conciseness", "Readability" }, span.GetTagItem("flask.skills"));
        Assert.Equal(result.InputTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(result.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.True(result.InputTokens > 0 && result.OutputTokens > 0);
        Assert.Equal(false, span.GetTagItem("flask.cache.hit"));
        Assert.Equal("scored", span.GetTagItem("flask.judge.status"));
        Assert.Equal(1, span.GetTagItem("flask.judge.attempt"));
        Assert.Equal(1, span.GetTagItem("flask.judge.transport_retries")); // the 500, retried below the judge call
        Assert.Equal(0.0, span.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(1024, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(judge.BaseUrl.Host, span.GetTagItem("server.address"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Null(span.GetTagItem("gen_ai.output.messages"));
        Assert.Equal(2, _activities.Count(a => a.ParentSpanId == span.SpanId)); // the HTTP client's two attempts

        var tokens = Measurements("gen_ai.client.token.usage");
        Assert.Equal([(double)result.InputTokens!, (double)result.OutputTokens!], tokens.OrderBy(t => (string)t.Tags["gen_ai.token.type"]!).Select(t => t.Value));
        Assert.Equal(["input", "output"], tokens.Select(t => (string)t.Tags["gen_ai.token.type"]!).Order());
        var duration = Assert.Single(Measurements("gen_ai.client.operation.duration"));
        Assert.InRange(duration.Value, 0.000001, 60);
        Assert.Equal("scored", duration.Tags["flask.judge.status"]);
        var call = Assert.Single(Measurements("flask.judge.calls"));
        Assert.Equal((1.0, "scored", (object?)false), (call.Value, call.Tags["flask.judge.status"], call.Tags["flask.cache.hit"]));
        Assert.Empty(Measurements("flask.judge.errors"));

        AssertNothingCarries(Key);
        AssertNothingCarries("capital of France"); // no content without opting in
    }

    [Fact]
    public async Task The_prompt_and_the_answer_are_on_the_span_only_when_opted_in_and_the_key_never()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));
        await new FlaskJudge(Client(judge), new FlaskJudgeOptions { Model = _model, CaptureContent = true }).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Activity span = Assert.Single(JudgeSpans);
        string input = Assert.IsType<string>(span.GetTagItem("gen_ai.input.messages"));
        string output = Assert.IsType<string>(span.GetTagItem("gen_ai.output.messages"));
        using var inputJson = System.Text.Json.JsonDocument.Parse(input);
        using var outputJson = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(["system", "user"], inputJson.RootElement.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        string user = inputJson.RootElement[1].GetProperty("parts")[0].GetProperty("content").GetString()!;
        Assert.Contains("What is the capital of France?", user);
        Assert.Contains("Paris is the capital of France.", user);
        Assert.Equal("assistant", outputJson.RootElement[0].GetProperty("role").GetString());
        Assert.Equal("stop", outputJson.RootElement[0].GetProperty("finish_reason").GetString());
        Assert.EndsWith("'factuality': 5, 'conciseness': 5, 'readability': 5}", outputJson.RootElement[0].GetProperty("parts")[0].GetProperty("content").GetString());
        Assert.Contains("'factuality': 5", output); // readable as it is, not \u0027-escaped
        AssertNothingCarries(Key);
    }

    [Fact]
    public async Task An_unreadable_answer_and_a_failed_call_are_judge_errors_in_spans_and_metrics()
    {
        await using var garbage = await LoopbackJudge.StartAsync(_ => JudgeReply.Review("As an AI language model, I like this response."));
        await new FlaskJudge(Client(garbage), new FlaskJudgeOptions { Model = _model }).JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Activity[] asked = JudgeSpans;
        Assert.Equal([1, 2], asked.Select(a => (int)a.GetTagItem("flask.judge.attempt")!)); // the re-ask is a span of its own
        Assert.All(asked, a =>
        {
            Assert.Equal(ActivityStatusCode.Error, a.Status);
            Assert.Equal("judge_error", a.GetTagItem("error.type"));
            Assert.Equal(3, a.GetTagItem("flask.judge.unread_skills"));
        });
        Assert.Equal(2, Measurements("flask.judge.errors").Where(m => Equals(m.Tags["error.type"], "judge_error")).Sum(m => m.Value));

        await using var dead = await LoopbackJudge.StartAsync(_ => JudgeReply.Error(503));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new FlaskJudge(Client(dead), new FlaskJudgeOptions { Model = _model }).JudgeAsync(Request(), TestContext.Current.CancellationToken));

        Activity failed = JudgeSpans.Last();
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("failed", failed.GetTagItem("flask.judge.status"));
        Assert.Equal(2, failed.GetTagItem("flask.judge.transport_retries"));
        string errorType = Assert.IsType<string>(failed.GetTagItem("error.type"));
        Assert.NotEqual("judge_error", errorType);
        Assert.Null(failed.GetTagItem("gen_ai.usage.input_tokens"));
        var errors = Measurements("flask.judge.errors").Where(m => Equals(m.Tags["error.type"], errorType)).ToArray();
        Assert.Equal(1, Assert.Single(errors).Value);
        Assert.Equal(3, Measurements("flask.judge.calls").Sum(m => m.Value));
        Assert.DoesNotContain(Key, error.Message);
        AssertNothingCarries(Key);
    }

    [Fact]
    public async Task A_cache_hit_is_a_span_marked_as_such_whose_tokens_are_not_counted_again()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(3));
        var flask = new FlaskJudge(FlaskJudgeClient.WithCache(Client(judge), _cache), new FlaskJudgeOptions { Model = _model });

        JudgeResult first = await flask.JudgeAsync(Request(), TestContext.Current.CancellationToken);
        await flask.JudgeAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal(1, judge.RequestCount);
        Assert.Equal([false, true], JudgeSpans.Select(a => (bool)a.GetTagItem("flask.cache.hit")!));
        Assert.Null(JudgeSpans[1].GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal((double)(first.InputTokens! + first.OutputTokens!), Measurements("gen_ai.client.token.usage").Sum(m => m.Value));
        Assert.Equal([false, true], Measurements("flask.judge.calls").Select(m => (bool)m.Tags["flask.cache.hit"]!));
    }

    private void AssertNothingCarries(string text)
    {
        foreach (Activity activity in _activities)
        {
            Assert.DoesNotContain(text, activity.DisplayName, StringComparison.Ordinal);
            foreach (var tag in activity.TagObjects)
                Assert.DoesNotContain(text, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparison.Ordinal);
            foreach (var baggage in activity.Baggage)
                Assert.DoesNotContain(text, baggage.Value ?? string.Empty, StringComparison.Ordinal);
        }
        foreach (var measurement in _measurements)
        {
            foreach (var tag in measurement.Tags)
                Assert.DoesNotContain(text, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
