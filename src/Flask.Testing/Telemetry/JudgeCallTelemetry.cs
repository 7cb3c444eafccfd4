using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// The span and the metrics of one judge call (one member, sample and attempt): started before the call, told how it
/// ended (<see cref="WatchAsync"/>) and what was read from the answer (<see cref="Read"/>), recorded on dispose.
/// Records the model, the skills, tokens, cache hit, status, attempt and transport retries; the prompt and the answer
/// only with <see cref="FlaskJudgeOptions.CaptureContent"/>. Never the endpoint's key: nothing here can see it.
/// </summary>
internal sealed class JudgeCallTelemetry : IDisposable
{
    private const string TransportRetriesTag = "flask.judge.transport_retries";

    // Readable in a trace viewer: quotes and apostrophes of the review kept as they are (the value is no HTML).
    private static readonly JsonWriterOptions ContentJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Activity? _activity;
    private readonly TagList _tags;
    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan? _elapsed;
    private string? _errorType;
    private string _status = "failed";
    private bool? _cacheHit;

    private readonly bool _captureContent;

    private JudgeCallTelemetry(Activity? activity, TagList tags, bool captureContent)
    {
        _activity = activity;
        _tags = tags;
        _captureContent = captureContent;
    }

    /// <summary>Starts the span of a call to <paramref name="client"/> (model <paramref name="model"/>).</summary>
    public static JudgeCallTelemetry Start(IChatClient client, string model, FlaskJudgeOptions options, IReadOnlyList<Skill> skills,
        int sample, int attempt, IReadOnlyList<ChatMessage> messages)
    {
        var tags = new TagList { { "gen_ai.operation.name", "chat" }, { "gen_ai.request.model", model } };
        Activity? activity = JudgeInstruments.Source.StartActivity($"chat {model}", ActivityKind.Client);
        if (activity is not null)
        {
            ChatClientMetadata? metadata = client.GetService<ChatClientMetadata>();
            activity.SetTag("gen_ai.operation.name", "chat")
                .SetTag("gen_ai.request.model", model)
                .SetTag("gen_ai.request.temperature", (double)options.Temperature)
                .SetTag("gen_ai.request.max_tokens", options.MaxOutputTokens)
                .SetTag("flask.skills", skills.Select(s => s.Id).ToArray())
                .SetTag("flask.judge.sample", sample)
                .SetTag("flask.judge.attempt", attempt)
                .SetTag(TransportRetriesTag, 0);
            if (metadata?.ProviderName is { } provider)
                activity.SetTag("gen_ai.provider.name", provider);
            if (metadata?.ProviderUri is { } uri)
                activity.SetTag("server.address", uri.Host).SetTag("server.port", uri.Port);
            if (options.CaptureContent)
                activity.SetTag("gen_ai.input.messages", Json(messages.Select(m => (m.Role.Value, m.Text, (string?)null))));
        }
        return new JudgeCallTelemetry(activity, tags, options.CaptureContent);
    }

    /// <summary>
    /// Counts a transport retry on the span of the judge call it belongs to (called by the resilience pipeline): the
    /// span is found through the trace context the retry runs in, <paramref name="current"/> (its own span or an
    /// ancestor), as every OpenTelemetry instrumentation finds its parent. No span (nobody listens): nothing to count.
    /// </summary>
    public static void TransportRetried(Activity? current)
    {
        for (Activity? span = current; span is not null; span = span.Parent)
        {
            if (span.Source == JudgeInstruments.Source)
            {
                span.SetTag(TransportRetriesTag, (span.GetTagItem(TransportRetriesTag) as int? ?? 0) + 1);
                return;
            }
        }
    }

    /// <summary>Awaits the call, noting its duration and, if it throws, the exception type.</summary>
    public async Task<JudgeReview> WatchAsync(Task<JudgeReview> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _errorType = exception.GetType().FullName;
            throw;
        }
        finally
        {
            _elapsed = Stopwatch.GetElapsedTime(_started);
        }
    }

    /// <summary>Notes the answer and what was read from it.</summary>
    public void Read(JudgeReview review, IReadOnlyList<SkillReading> readings)
    {
        int unread = readings.Count(r => r.Status == SkillScoreStatus.JudgeError);
        _status = unread > 0 ? "judge_error" : "scored";
        if (unread > 0)
            _errorType = "judge_error";

        _cacheHit = review.CacheHit;
        if (!review.CacheHit)
        {
            // Tokens a cache hit replays were paid for once, when recorded: only live calls count.
            if (review.InputTokens is { } input)
                JudgeInstruments.TokenUsage.Record(input, Add(_tags, ("gen_ai.token.type", "input")));
            if (review.OutputTokens is { } output)
                JudgeInstruments.TokenUsage.Record(output, Add(_tags, ("gen_ai.token.type", "output")));
        }
        if (_activity is null)
            return;
        _activity.SetTag("flask.cache.hit", review.CacheHit)
            .SetTag("flask.judge.unread_skills", unread);
        if (!review.CacheHit)
        {
            _activity.SetTag("gen_ai.usage.input_tokens", review.InputTokens)
                .SetTag("gen_ai.usage.output_tokens", review.OutputTokens)
                .SetTag("gen_ai.response.model", review.Judge);
        }
        if (_captureContent)
            _activity.SetTag("gen_ai.output.messages", Json([("assistant", review.Text, "stop")]));
    }

    /// <summary>Ends the span and records the call's metrics.</summary>
    public void Dispose()
    {
        TimeSpan elapsed = _elapsed ?? Stopwatch.GetElapsedTime(_started);
        TagList outcome = Add(_tags, ("flask.judge.status", _status));
        if (_cacheHit is { } cacheHit)
            outcome.Add("flask.cache.hit", cacheHit);
        if (_errorType is not null)
        {
            outcome.Add("error.type", _errorType);
            JudgeInstruments.Errors.Add(1, outcome);
        }
        JudgeInstruments.Calls.Add(1, outcome);
        JudgeInstruments.Duration.Record(elapsed.TotalSeconds, outcome);

        if (_activity is null)
            return;
        _activity.SetTag("flask.judge.status", _status);
        if (_errorType is not null)
        {
            _activity.SetTag("error.type", _errorType);
            _activity.SetStatus(ActivityStatusCode.Error, _status == "judge_error" ? "The judge's answer had no readable score for a skill." : _errorType);
        }
        _activity.Dispose();
    }

    private static TagList Add(TagList tags, (string Key, object? Value) tag)
    {
        var copy = tags;
        copy.Add(tag.Key, tag.Value);
        return copy;
    }

    // The GenAI conventions' message shape: [{"role": ..., "parts": [{"type": "text", "content": ...}]}], written
    // directly (no reflection over anonymous types, so the Native AOT tool can emit it too).
    private static string Json(IEnumerable<(string Role, string Text, string? FinishReason)> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ContentJson))
        {
            writer.WriteStartArray();
            foreach (var (role, text, finishReason) in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteStartArray("parts");
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("content", text);
                writer.WriteEndObject();
                writer.WriteEndArray();
                if (finishReason is not null)
                    writer.WriteString("finish_reason", finishReason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
