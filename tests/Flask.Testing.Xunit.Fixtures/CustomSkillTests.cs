using System.Threading.Tasks;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.Fixtures;

// A skill of the project's own (rubrics/house-tone.yaml), named by its alias: its traits are its id and its own ability.
public sealed class CustomSkillTests
{
    [Fact]
    [FlaskSkill("tone")]
    public Task Judged_on_a_custom_skill() => FlaskAssert.ScoresAsync("Greet a customer.", "Hello, lovely to hear from you. #scores HouseTone=4");
}
