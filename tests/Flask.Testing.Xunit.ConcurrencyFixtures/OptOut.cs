using System.Threading.Tasks;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.ConcurrencyFixtures;

// Tests whose bodies are not safe to run concurrently, opting out with xUnit's own switches: they run one at a time,
// after the concurrent ones.
public sealed class OptOut
{
    [Theory]
    [FlaskData("data/rows.jsonl", Limit = 6, DisableParallelization = true)]
    public Task Row_of_sequential_data(FlaskCase item) => FlaskAssert.ScoresAsync(item, App.Answer(item));

    [Fact(DisableParallelization = true)]
    [FlaskSkill(FlaskSkillIds.Factuality)]
    public Task Sequential_fact() => FlaskAssert.ScoresAsync("Why is the sky blue?", "Rayleigh scattering. #scores Factuality=4");
}

[CollectionDefinition(DisableParallelization = true)]
public sealed class SequentialCollection;

[Collection(typeof(SequentialCollection))]
public sealed class InSequentialCollection
{
    [Theory]
    [FlaskData("data/rows.jsonl", Limit = 6)]
    public Task Row(FlaskCase item) => FlaskAssert.ScoresAsync(item, App.Answer(item));
}
