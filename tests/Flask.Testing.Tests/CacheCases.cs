using Flask.Testing.TestKit;

namespace Flask.Testing.Tests;

/// <summary>What the cache tests judge and how they reach the judge: one request shape, one settings shape.</summary>
internal static class CacheCases
{
    /// <summary>A two-skill request about Hamlet with <paramref name="response"/>, named <paramref name="label"/>.</summary>
    public static JudgeRequest Request(string response, string label) => new()
    {
        Instruction = "Summarize the plot of Hamlet in one sentence.",
        Response = response,
        Skills = [FlaskSkills.Comprehension, FlaskSkills.Conciseness],
        Label = label,
    };

    /// <summary>The loopback <paramref name="judge"/> (none for replay) behind a cache in <paramref name="directory"/>.</summary>
    public static FlaskJudgeSettings Settings(LoopbackJudge? judge, JudgeCacheMode mode, string directory) => new()
    {
        Endpoint = judge is null ? null : new JudgeEndpoint(judge.BaseUrl, "loopback-judge"),
        Cache = new JudgeCacheOptions { Mode = mode, Directory = directory },
    };
}
