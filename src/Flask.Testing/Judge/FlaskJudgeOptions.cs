using System;

namespace Flask.Testing;

/// <summary>How the judge is asked. The defaults are FLASK's: temperature 0, 1,024 output tokens, one sample.</summary>
public sealed record FlaskJudgeOptions
{
    /// <summary>The sampling temperature; FLASK's default is 0.</summary>
    public float Temperature { get; init; }

    /// <summary>The most tokens the judge may write; FLASK's default is 1,024.</summary>
    public int MaxOutputTokens { get; init; } = 1024;

    /// <summary>The model id to ask for, when the chat client needs one per request; null uses the client's default.</summary>
    public string? Model { get; init; }

    /// <summary>How often the judge is asked again when its answer leaves a skill without a usable score. Default 1.</summary>
    public int JudgeErrorRetries { get; init; } = 1;

    /// <summary>How many times each judge is asked (K). The score is the mean; the spread is reported. Default 1.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>
    /// Whether the judge-call spans carry the judge's prompt and answer (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>). Off by default: they hold the responses under test, which may be confidential.
    /// Defaults to <c>true</c> when <see cref="FlaskTelemetry.CaptureContentVariable"/> is <c>true</c>.
    /// </summary>
    public bool CaptureContent { get; init; } =
        string.Equals(Environment.GetEnvironmentVariable(FlaskTelemetry.CaptureContentVariable), "true", StringComparison.OrdinalIgnoreCase);
}
