using Flask.Testing.Xunit;
using Xunit;

namespace MyApp.FlaskTests;

/// <summary>
/// FLASK tests: each test names the skills that matter for its answer and the score it accepts. One judge call scores
/// all of a test's skills; a score below its minimum fails the test with the judge's feedback.
/// </summary>
public sealed class AssistantTests
{
    [Fact]
    [FlaskSkill(FlaskSkillIds.Tone, MinScore = 4)]
    [FlaskSkill(FlaskSkillIds.Factuality, MinScore = 4)]
    public async Task Says_where_the_parcel_is()
    {
        const string question = "Where is my parcel?";
        string answer = await Assistant.AnswerAsync(question, TestContext.Current.CancellationToken);

        await FlaskAssert.ScoresAsync(question, answer);
    }

    [Theory]
    [FlaskData("data/questions.yaml", MinScore = 3)]
    [FlaskSkill(FlaskSkillIds.Tone, MinScore = 3)]
    public async Task Answers_common_questions(FlaskCase question)
    {
        string answer = await Assistant.AnswerAsync(question.Instruction, TestContext.Current.CancellationToken);

        await FlaskAssert.ScoresAsync(question, answer);
    }
}
