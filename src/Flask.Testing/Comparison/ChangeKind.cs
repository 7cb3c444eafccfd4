using System.Text.Json.Serialization;

namespace Flask.Testing;

/// <summary>Why a test's (or instance's) scores moved between two runs. In JSON: <c>response</c>, <c>judge</c>, <c>judge-noise</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    /// <summary>The response changed (the app, its prompt or its model answered differently).</summary>
    [JsonStringEnumMemberName("response")]
    Response,

    /// <summary>The same response, judged by another judge model: the judge's answer changed with the judge.</summary>
    [JsonStringEnumMemberName("judge")]
    Judge,

    /// <summary>The same response and the same judge model, another score: judge noise made visible.</summary>
    [JsonStringEnumMemberName("judge-noise")]
    JudgeNoise,
}
