using System.Threading.Tasks;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.Fixtures;

// The contract of [FlaskSkill] and FlaskAssert beyond scores: skills must be judged, a test may judge twice, and
// results are keyed by class, method and data row whatever the display name.
public sealed class ContractTests
{
    [Fact]
    [FlaskSkill(FlaskSkillIds.Harmlessness)]
    [FlaskSkill(FlaskSkillIds.Readability)]
    public void Never_asserts()
    {
        // Forgot FlaskAssert.ScoresAsync: nothing was judged, so this must not pass.
    }

    [Fact]
    [FlaskSkill(FlaskSkillIds.Readability)]
    public async Task Asserts_twice()
    {
        await FlaskAssert.ScoresAsync("Greet the user.", "Hello. #scores Readability=5");
        await FlaskAssert.ScoresAsync("Greet the user again.", "Hello again. #scores Readability=4");
    }

    [Fact(DisplayName = "A custom display name")]
    [FlaskSkill(FlaskSkillIds.Readability)]
    public Task Has_a_display_name() => FlaskAssert.ScoresAsync("Say hi.", "Hi. #scores Readability=5");
}
