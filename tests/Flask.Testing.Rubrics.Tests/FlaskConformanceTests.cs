using System.IO;
using System.Linq;
using System.Text.Json;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Rubrics.Tests;

/// <summary>The shipped rubrics, through YAML, the generator and the runtime, say exactly what FLASK's skill set says.</summary>
public sealed class FlaskConformanceTests
{
    [Fact]
    public void Criteria_and_scoring_equal_FLASKs_skill_set_character_for_character()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        using JsonDocument skillset = JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "skillset_description.json")));

        var flaskSkills = skillset.RootElement.EnumerateArray().ToArray();
        Assert.Equal(12, flaskSkills.Length);
        foreach (JsonElement expected in flaskSkills)
        {
            string name = expected.GetProperty("Skill").GetString()!;
            Skill skill = FlaskSkills.All.Single(s => s.Name == name);
            Assert.Equal(expected.GetProperty("Criteria").GetString(), skill.Criteria);
            for (int score = 1; score <= 5; score++)
                Assert.Equal(expected.GetProperty("Scoring").GetProperty(score.ToString()).GetString(), skill.Scoring.Describe(score));
        }
    }

    [Fact]
    public void Domain_labels_are_FLASKs_ten_domains()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        using JsonDocument domains = JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "annotation", "domain.json")));

        Assert.Equal(domains.RootElement.EnumerateObject().Select(p => p.Name).Order(), FlaskLabels.Domains.Select(FlaskLabels.Label).Order());
    }

    [Fact]
    public void Every_label_in_the_evaluation_set_is_a_known_skill_domain_or_difficulty()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        int instances = 0, unannotated = 0;
        foreach (string line in File.ReadLines(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl")))
        {
            using JsonDocument instance = JsonDocument.Parse(line);
            instances++;
            foreach (JsonElement skill in instance.RootElement.GetProperty("skill").EnumerateArray())
                Assert.NotNull(FlaskSkills.Find(skill.GetString()!));
            foreach (JsonElement domain in instance.RootElement.GetProperty("domain").EnumerateArray())
                Assert.True(FlaskLabels.TryParseDomain(domain.GetString(), out _) || domain.GetString() == "-1", domain.GetString());
            JsonElement difficulty = instance.RootElement.GetProperty("difficulty");
            if (difficulty.ValueKind == JsonValueKind.Number)
                unannotated++; // FLASK writes -1 for the two instances it did not annotate
            else
                Assert.True(FlaskLabels.TryParseDifficulty(difficulty.GetString(), out _), difficulty.GetString());
        }
        Assert.Equal(1740, instances);
        Assert.Equal(2, unannotated);
    }
}
