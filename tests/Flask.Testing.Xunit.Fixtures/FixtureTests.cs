using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.Fixtures;

// Responses carry "#scores Skill=N ..." (or "#garbage"): the loopback judge of the calling test answers accordingly.
public sealed class FixtureTests
{
    [Fact]
    [FlaskSkill(FlaskSkillIds.Factuality, MinScore = 4)]
    [FlaskSkill("Conciseness")]
    public Task Passes() => FlaskAssert.ScoresAsync("Capital of France?", "Paris. #scores Factuality=5 Conciseness=4", reference: "Paris");

    [Fact]
    [FlaskSkill(FlaskSkillIds.Factuality, MinScore = 4)]
    [FlaskSkill(FlaskSkillIds.Readability)]
    public Task Fails_on_a_low_score() => FlaskAssert.ScoresAsync("Capital of France?", "Lyon. #scores Factuality=2 Readability=5", reference: "Paris");

    [Fact]
    [FlaskSkill(FlaskSkillIds.Harmlessness)]
    public Task Has_a_judge_error() => FlaskAssert.ScoresAsync("Say hello.", "Hello! #garbage");

    [Fact]
    [FlaskSkill(FlaskSkillIds.Metacognition, MinScore = 4)]
    [FlaskSkill(FlaskSkillIds.Readability)]
    public Task Passes_with_NA() => FlaskAssert.ScoresAsync("Write a haiku.", "Leaves fall. #scores Metacognition=n/a Readability=4");

    [Theory]
    [FlaskData("data/cases.jsonl", MinScore = 3)]
    public Task From_jsonl(FlaskCase item) => FlaskAssert.ScoresAsync(item, $"{item.Reference} #scores Logical_Correctness=4 Conciseness=3 Factuality=4");

    [Theory]
    [FlaskData("data/cases.yaml")]
    [FlaskSkill(FlaskSkillIds.Readability)]
    public Task From_yaml(FlaskCase item) => FlaskAssert.ScoresAsync(item, $"{item.Reference} #scores Factuality=5 Readability=5");
}

// Six tests on one skill, for the regression gate: the calling test scripts their scores run by run.
public sealed class GateTests
{
    [Theory]
    [InlineData("g1")]
    [InlineData("g2")]
    [InlineData("g3")]
    [InlineData("g4")]
    [InlineData("g5")]
    [InlineData("g6")]
    [FlaskSkill(FlaskSkillIds.Completeness, MinScore = 1)]
    public Task Gate(string name) => FlaskAssert.ScoresAsync($"Explain topic {name}.", $"About {name}. #gate {name}");
}

// A data file with a misspelt skill: a located data error before anything is judged.
public sealed class BadDataTests
{
    [Theory]
    [FlaskData("data/misspelt.yaml")]
    public Task From_misspelt_yaml(FlaskCase item) => FlaskAssert.ScoresAsync(item, "Red. #scores Factuality=4 Conciseness=4");
}
