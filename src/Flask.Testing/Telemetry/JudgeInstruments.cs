using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flask.Testing;

/// <summary>
/// The activity source and the meter instruments of judge calls; names, units and histogram buckets from the
/// OpenTelemetry GenAI semantic conventions (gen_ai.client.*), plus two Flask.Testing counters (flask.judge.*).
/// </summary>
internal static class JudgeInstruments
{
    private static readonly string? Version = typeof(JudgeInstruments).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(FlaskTelemetry.ActivitySourceName, Version);

    private static readonly Meter Meter = new(FlaskTelemetry.MeterName, Version);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration", "s", "Duration of a judge call.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Input and output tokens of judge calls that reached the judge (cache hits cost none).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "flask.judge.calls", "{call}", "Judge calls, from the judge or from the response cache.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "flask.judge.errors", "{call}", "Judge calls that left a skill without a score: the call failed (error.type is the exception type) or the answer had no readable score (error.type is judge_error).");
}
