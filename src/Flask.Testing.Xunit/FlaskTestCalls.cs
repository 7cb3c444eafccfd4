using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using System.Threading;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// How often each running test called <see cref="FlaskAssert"/>: numbers a second call's results and attachments, and
/// lets <see cref="FlaskSkillAttribute"/> fail a test that declares skills but never had them judged.
/// </summary>
internal static class FlaskTestCalls
{
    private static readonly ConcurrentDictionary<string, State> Tests = new();

    /// <summary>Counts a FlaskAssert call of <paramref name="test"/>; returns its number, from 1.</summary>
    public static int Record(ITest test) => Interlocked.Increment(ref Tests.GetOrAdd(test.UniqueID, _ => new State()).Calls);

    /// <summary>
    /// Called after the test by each of its [FlaskSkill] and [FlaskEvaluator] attributes: the first one fails the test when FlaskAssert was
    /// never called (its skills were never judged, so a pass would be a lie); the last one forgets the test.
    /// </summary>
    public static void After(MethodInfo method, IXunitTest test)
    {
        State state = Tests.GetOrAdd(test.UniqueID, _ => new State());
        int after = Interlocked.Increment(ref state.Afters);
        if (after >= method.GetCustomAttributes<FlaskSkillAttribute>().Count() + method.GetCustomAttributes<FlaskEvaluatorAttribute>().Count())
            Tests.TryRemove(test.UniqueID, out _);
        if (after == 1 && Volatile.Read(ref state.Calls) == 0)
        {
            string skills = string.Join(", ", method.GetCustomAttributes<FlaskSkillAttribute>().Select(a => a.Skill)
                .Concat(method.GetCustomAttributes<FlaskEvaluatorAttribute>().Select(a => a.EvaluatorType.Name)));
            Assert.Fail($"FLASK: {test.TestDisplayName} has [FlaskSkill] ({skills}) but never called FlaskAssert.ScoresAsync, so none of its skills " +
                "was judged. Call await FlaskAssert.ScoresAsync(instruction, response) in the test (awaited), or remove [FlaskSkill].");
        }
    }

    private sealed class State
    {
        public int Calls;
        public int Afters;
    }
}
