using System.Threading.Tasks;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.Fixtures;

// An evaluator set (evaluators/support-reply.yaml) on tests, alone and with a [FlaskSkill] of its own: one call per test.
public sealed class EvaluatorSetTests
{
    [Fact]
    [FlaskEvaluator(typeof(SupportReplyEvaluator))]
    public Task Set_passes() => FlaskAssert.ScoresAsync("Where is my parcel?", "On its way. #scores Comprehension=4 Readability=3", reference: "In transit.");

    [Fact]
    [FlaskEvaluator(typeof(SupportReplyEvaluator))]
    [FlaskSkill(FlaskSkillIds.Conciseness, MinScore = 2)]
    public Task Set_fails_below_its_minimum() => FlaskAssert.ScoresAsync("Where is my parcel?", "Dunno. #scores Comprehension=3 Readability=5 Conciseness=5", reference: "In transit.");

    [Fact]
    [FlaskEvaluator(typeof(SupportReplyEvaluator))]
    public Task Set_without_its_reference() => FlaskAssert.ScoresAsync("Where is my parcel?", "On its way. #scores Comprehension=5 Readability=5");

    [Fact]
    [FlaskEvaluator(typeof(SupportReplyEvaluator))]
    public void Set_never_judged()
    {
    }
}
