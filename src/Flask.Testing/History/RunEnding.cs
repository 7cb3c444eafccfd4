using System.Text.Json.Serialization;

namespace Flask.Testing;

/// <summary>How a recorded run ended (docs/history.md, "What a run records").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunEnding>))]
public enum RunEnding
{
    /// <summary>The run went through everything it selected (some items may still not be judged: see <see cref="RunInfo.NotJudged"/>).</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The run stopped before the end: the judge could not be asked any further.</summary>
    [JsonStringEnumMemberName("stopped-early")]
    StoppedEarly,

    /// <summary>The run was cancelled (Ctrl+C, a cancelled test run).</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
