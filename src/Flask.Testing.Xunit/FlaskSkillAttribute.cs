using System;
using System.Collections.Generic;
using System.Reflection;
using Xunit.v3;

namespace Flask.Testing.Xunit;

/// <summary>
/// Marks a test with a FLASK skill its response must score at least <see cref="MinScore"/> on. A test may carry
/// several; <see cref="FlaskAssert.ScoresAsync(string, string, string?, IReadOnlyDictionary{string, InstanceRubric}?)"/>
/// judges all of them in one judge call. Adds the traits <c>FlaskSkill=&lt;id&gt;</c> and <c>FlaskAbility=&lt;ability&gt;</c>.
/// A test that carries it but never calls <see cref="FlaskAssert"/> fails: its skills were not judged.
/// </summary>
/// <param name="skill">The skill's id (a <c>FlaskSkillIds</c> constant), display name or alias; an unknown one is a build error (FLASK100).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class FlaskSkillAttribute([SkillId] string skill) : Attribute, ITraitAttribute, IBeforeAfterTestAttribute
{
    /// <summary>The skill's id, name or alias, as written.</summary>
    public string Skill { get; } = skill;

    /// <summary>The lowest score that passes, 1 to 5. Default <see cref="PassRule.DefaultMinScore"/> (3).</summary>
    public double MinScore { get; set; } = PassRule.DefaultMinScore;

    /// <summary>
    /// <c>FlaskSkill=&lt;id&gt;</c> and <c>FlaskAbility=&lt;ability&gt;</c>, from the test assembly's catalog (its own
    /// rubrics and FLASK's); a skill the catalog does not know keeps the name as written and no ability.
    /// </summary>
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits()
    {
        // xUnit gives a trait attribute no context; under xUnit v3 the test assembly is the process's entry assembly
        // (every runner, dotnet test included, runs it as its own executable).
        Skill? known = Assembly.GetEntryAssembly() is { } tests ? SkillCatalogAttribute.Of(tests)?.Find(Skill) : null;
        return known is null
            ? [new("FlaskSkill", Skill)]
            : [new("FlaskSkill", known.Id), new("FlaskAbility", known.Ability.Name)];
    }

    /// <summary>Nothing to prepare: the test calls <see cref="FlaskAssert"/> itself.</summary>
    public void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
    }

    /// <summary>Fails the test when it never called <see cref="FlaskAssert"/>, so that unjudged skills never pass.</summary>
    public void After(MethodInfo methodUnderTest, IXunitTest test) => FlaskTestCalls.After(methodUnderTest, test);
}
