using System.Threading.Tasks;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.ConcurrencyFixtures;

// The loopback judge of the calling test reads "#scores Factuality=N" from each response; rows whose id ends in 7
// score 2 and fail, the others score 4 and pass, so that a run has both verdicts.
internal static class App
{
    public static string Answer(FlaskCase item) =>
        $"{item.Reference} #scores Factuality={(item.Id.EndsWith('7') ? 2 : 4)}";
}

public sealed class Rows100
{
    [Theory]
    [FlaskData("data/rows.jsonl", Limit = 100)]
    public Task Row(FlaskCase item) => FlaskAssert.ScoresAsync(item, App.Answer(item));
}

public sealed class Rows400
{
    [Theory]
    [FlaskData("data/rows.jsonl", Limit = 400)]
    public Task Row(FlaskCase item) => FlaskAssert.ScoresAsync(item, App.Answer(item));
}

public sealed class Rows1000
{
    [Theory]
    [FlaskData("data/rows.jsonl", Limit = 1000)]
    public Task Row(FlaskCase item) => FlaskAssert.ScoresAsync(item, App.Answer(item));
}
