namespace Flask.Testing;

/// <summary>
/// The names under which Flask.Testing reports its judge calls to OpenTelemetry: one span per judge call from the
/// <see cref="ActivitySourceName"/> source and the judge metrics from the <see cref="MeterName"/> meter, named as the
/// OpenTelemetry GenAI semantic conventions name them (as Microsoft.Extensions.AI's <c>UseOpenTelemetry</c> does).
/// Subscribe with <c>AddSource(FlaskTelemetry.ActivitySourceName)</c> and <c>AddMeter(FlaskTelemetry.MeterName)</c>.
/// Nothing is recorded while nobody listens. The API key is never recorded.
/// </summary>
public static class FlaskTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that starts a span per judge call.</summary>
    public const string ActivitySourceName = "Flask.Testing";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> with the judge-call metrics.</summary>
    public const string MeterName = "Flask.Testing";

    /// <summary>
    /// The OpenTelemetry variable that opts in to recording the judge's prompt and answer on the span
    /// (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>), as in other GenAI instrumentations; read as the
    /// default of <see cref="FlaskJudgeOptions.CaptureContent"/>.
    /// </summary>
    public const string CaptureContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
}
