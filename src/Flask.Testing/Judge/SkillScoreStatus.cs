using System.Text.Json.Serialization;

namespace Flask.Testing;

/// <summary>What the judge's answer says about one skill. In result files: <c>scored</c>, <c>not-applicable</c>, <c>judge-error</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkillScoreStatus>))]
public enum SkillScoreStatus
{
    /// <summary>The judge gave a score from 1 to 5.</summary>
    [JsonStringEnumMemberName("scored")]
    Scored,

    /// <summary>The judge said the skill does not apply (FLASK's <c>N/A</c>): not scored, not zero, left out of averages.</summary>
    [JsonStringEnumMemberName("not-applicable")]
    NotApplicable,

    /// <summary>The judge gave no usable score (missing, out of 1..5, unreadable) even after being asked again.</summary>
    [JsonStringEnumMemberName("judge-error")]
    JudgeError,
}
