using System.Linq;
using System.Reflection;
using System.Threading;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// How often each running test called <see cref="FlaskAssert"/>: numbers a second call's results and attachments, and
/// lets <see cref="FlaskSkillAttribute"/> fail a test that declares skills but never had them judged. Kept in xUnit's
/// own storage for the run's pipeline (<see cref="ITestContext.KeyValueStorage"/>), one entry per running test.
/// </summary>
internal static class FlaskTestCalls
{
    /// <summary>Counts a FlaskAssert call of <paramref name="test"/>; returns its number, from 1.</summary>
    public static int Record(ITestContext context, ITest test) => Interlocked.Increment(ref StateOf(context, test).Calls);

    /// <summary>
    /// Called after the test by each of its [FlaskSkill] and [FlaskEvaluator] attributes: the first one fails the test when FlaskAssert was
    /// never called (its skills were never judged, so a pass would be a lie); the last one forgets the test.
    /// </summary>
    public static void After(MethodInfo method, IXunitTest test)
    {
        ITestContext context = TestContext.Current;
        State state = StateOf(context, test);
        int after = Interlocked.Increment(ref state.Afters);
        if (after >= method.GetCustomAttributes<FlaskSkillAttribute>().Count() + method.GetCustomAttributes<FlaskEvaluatorAttribute>().Count())
            context.KeyValueStorage.TryRemove(Key(test), out _);
        if (after == 1 && Volatile.Read(ref state.Calls) == 0)
        {
            string skills = string.Join(", ", method.GetCustomAttributes<FlaskSkillAttribute>().Select(a => a.Skill)
                .Concat(method.GetCustomAttributes<FlaskEvaluatorAttribute>().Select(a => a.EvaluatorType.Name)));
            Assert.Fail($"FLASK: {test.TestDisplayName} has [FlaskSkill] ({skills}) but never called FlaskAssert.ScoresAsync, so none of its skills " +
                "was judged. Call await FlaskAssert.ScoresAsync(instruction, response) in the test (awaited), or remove [FlaskSkill].");
        }
    }

    // One storage serves the whole pipeline (every test of the run), so the key names the test.
    private static string Key(ITest test) => "Flask.Testing.Xunit.Calls/" + test.UniqueID;

    private static State StateOf(ITestContext context, ITest test) =>
        (State)context.KeyValueStorage.GetOrAdd(Key(test), _ => new State())!;

    private sealed class State
    {
        public int Calls;
        public int Afters;
    }
}
