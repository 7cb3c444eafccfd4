using Flask.Testing;
using Flask.Testing.Xunit;

[assembly: FlaskTestSetup(typeof(SupportBot.Tests.JudgeSetup))]

namespace SupportBot.Tests;

/// <summary>
/// The judge of these tests, configured once for the assembly. The environment (FLASK_JUDGE_*) decides; when it names
/// no model, the recorded answers in flask-cache/ are replayed, which came from the heuristic loopback judge.
/// </summary>
public sealed class JudgeSetup : FlaskTestSetup
{
    public const string RecordedJudge = "heuristic-loopback-judge";

    public override FlaskJudgeSettings Configure(FlaskJudgeSettings fromEnvironment) =>
        fromEnvironment.Judge.Model is null
            ? fromEnvironment with { Judge = fromEnvironment.Judge with { Model = RecordedJudge } }
            : fromEnvironment;
}
