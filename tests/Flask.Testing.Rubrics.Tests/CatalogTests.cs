using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Flask.Testing.Rubrics.Tests;

/// <summary>The catalog and evaluators generated in this project from the default FLASK rubrics and its own rubric.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void The_catalog_lists_FLASKs_twelve_skills_in_the_papers_order_then_the_teams_own()
    {
        Assert.Equal(
        [
            "LogicalRobustness", "LogicalCorrectness", "LogicalEfficiency", "Factuality", "CommonsenseUnderstanding",
            "Comprehension", "Insightfulness", "Completeness", "Metacognition", "Conciseness", "Readability", "Harmlessness",
            "BrandVoice",
        ], FlaskSkills.All.Select(s => s.Id));
        Assert.Equal(12, FlaskSkills.Catalog.IndexOf(FlaskSkills.BrandVoice));
        Assert.Equal(-1, FlaskSkills.Catalog.IndexOf(new Skill("Other", "Other", Ability.UserAlignment, "c?", FlaskSkills.BrandVoice.Scoring)));
    }

    [Fact]
    public void Skills_group_into_FLASKs_four_abilities_and_the_teams_own()
    {
        Assert.Equal(["Logical Thinking", "Background Knowledge", "Problem Handling", "User Alignment", "Brand"],
            FlaskSkills.Catalog.Abilities.Select(a => a.Name));
        Assert.Equal([3, 2, 4, 3], Ability.Flask.Select(a => FlaskSkills.InAbility(a).Count));
        Assert.Same(FlaskSkills.BrandVoice, Assert.Single(FlaskSkills.InAbility(new Ability("Brand"))));
        Assert.False(FlaskSkills.BrandVoice.Ability.IsFlask);
    }

    [Fact]
    public void Each_generated_evaluator_judges_its_own_skill()
    {
        Assert.Same(FlaskSkills.LogicalRobustness, new LogicalRobustnessEvaluator().Skill);
        Assert.Same(FlaskSkills.Harmlessness, new HarmlessnessEvaluator().Skill);
        Assert.Same(FlaskSkills.BrandVoice, new BrandVoiceEvaluator().Skill);
        Assert.Equal("Brand Voice", FlaskSkills.Get(FlaskSkillIds.BrandVoice).Name);
    }

    [Theory]
    [InlineData("LogicalRobustness")]
    [InlineData("Logical Robustness")]
    [InlineData("logical_robustness")]
    [InlineData("LOGICAL-ROBUSTNESS")]
    [InlineData("robustness")]
    [InlineData("Logical\u00ADRobustness")] // a soft hyphen, invisible: the same rule as ids at build time (FLASK006)
    [InlineData("Logical\u200BRobustness")] // a zero-width space
    public void A_skill_is_found_by_id_name_or_alias_in_any_case(string name)
    {
        Assert.Same(FlaskSkills.LogicalRobustness, FlaskSkills.Find(name));
    }

    [Fact]
    public void An_unknown_skill_names_the_closest_one()
    {
        Assert.Null(FlaskSkills.Find("Robustnes"));
        string unknown = "Factualty";
        var error = Assert.Throws<KeyNotFoundException>(() => FlaskSkills.Get(unknown));
        Assert.Contains("No skill 'Factualty' in the catalog. Did you mean 'Factuality'?", error.Message);
    }

    [Fact]
    public void The_teams_rubric_keeps_its_description_and_aliases()
    {
        Assert.Equal("Our product speaks plainly, warmly and without hype.", FlaskSkills.BrandVoice.Description);
        Assert.Equal(["voice", "tone of voice"], FlaskSkills.BrandVoice.Aliases);
        Assert.Equal("The response is plain, warm and hype-free throughout.", FlaskSkills.BrandVoice.Scoring.Describe(5));
    }
}
