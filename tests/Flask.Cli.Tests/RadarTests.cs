using System.Linq;
using System.Text.RegularExpressions;
using Flask.Cli.Reports;
using Flask.Testing;
using Flask.Testing.Analysis;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>The radar draws only scores the judge wrote: a skill a model was never scored on has no point at all.</summary>
public sealed class RadarTests
{
    private static ModelAnalysis Model(string name, params string[] skills)
    {
        var analysis = new FlaskAnalysis(name, FlaskSkills.Catalog);
        analysis.Add(new ScoredResponse
        {
            Id = "1",
            Instruction = "q",
            Model = name,
            Skills = [.. skills.Select(id => new ScoredSkill(id, FlaskSkills.Catalog.Get(id).Name, FlaskSkills.Catalog.Get(id).Ability.Name, SkillScoreStatus.Scored, 4, 3, true, "", null))],
        });
        return analysis.Result();
    }

    [Fact]
    public void A_skill_a_model_was_never_scored_on_breaks_its_outline_instead_of_drawing_a_zero()
    {
        string[] all = ["Factuality", "Comprehension", "Readability", "Conciseness", "Harmlessness"];
        string svg = HtmlCharts.Radar([Model("full", all), Model("partial", "Factuality", "Comprehension", "Readability", "Harmlessness")]);

        Assert.Single(Regex.Matches(svg, "<polygon class=\"model\""));
        // 4.00 on the 1-5 scale sits at 0.8 of the radius from the centre (380, 320): no vertex of either model is at the centre.
        foreach (Match shape in Regex.Matches(svg, "<(?:polygon|polyline) class=\"model\" points=\"([^\"]*)\""))
            Assert.DoesNotContain("380,320", shape.Groups[1].Value.Split(' '));
        Assert.NotEmpty(Regex.Matches(svg, "<polyline class=\"model\""));
        Assert.Equal(4 + 5, Regex.Matches(svg, "<circle ").Count); // a marker per scored skill, none for the missing one
    }
}
