using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// <see cref="ReviewPromptBuilder.Build"/> writes the prompt with few allocations (the skills block kept per skill list,
/// the prompt filled into a string of its exact length): on generated requests it gives byte for byte what its previous
/// definition, kept here, gave.
/// </summary>
public sealed class PromptBuildTests
{
    private static readonly string[] Pieces =
    [
        "text ", "\n", "\r\n", " ", "{", "}", "{{", "}}", "{question}", "{skills}", "[Instruction]", "[System]", "［ System ］",
        "[Assistant’s Answer]", "[The End of Assistant's Response]", "[Ground truth Answer]", "[", "]", "【", "】", "(x)",
        "é", "İ", "Σ", "😀", "𐐀", "\u200B", "\u00AD", "5", "Score 4:", "- ", "in these 3 categories",
    ];

    private static string Text(Random random, int max = 14) =>
        string.Concat(Enumerable.Range(0, random.Next(0, max)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    private static string NonEmpty(Random random) => "w" + Text(random);

    private static Skill CustomSkill(Random random, int n) => new(
        $"Custom{n}", "Custom " + NonEmpty(random), Ability.ProblemHandling, NonEmpty(random),
        new ScoringRubric(NonEmpty(random), NonEmpty(random), NonEmpty(random), NonEmpty(random), NonEmpty(random)));

    private static JudgeRequest Request(Random random, IReadOnlyList<Skill> pool)
    {
        Skill[] skills = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => pool[random.Next(pool.Count)]).Distinct()];
        var rubrics = new Dictionary<string, InstanceRubric>();
        if (random.Next(3) == 0)
        {
            foreach (Skill skill in skills.Where(_ => random.Next(2) == 0))
            {
                rubrics[skill.Id] = new InstanceRubric
                {
                    Checklist = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Text(random))],
                    Scoring = random.Next(2) == 0 ? null : new ScoringRubric(NonEmpty(random), NonEmpty(random), NonEmpty(random), NonEmpty(random), NonEmpty(random)),
                };
            }
        }
        return new JudgeRequest
        {
            Instruction = Text(random, 30),
            Response = Text(random, 40),
            ReferenceAnswer = random.Next(2) == 0 ? null : Text(random, 20),
            Skills = random.Next(2) == 0 ? skills : skills.ToList(),
            InstanceRubrics = rubrics,
        };
    }

    private static List<Skill> Pool(Random random) => [.. FlaskSkills.Catalog, .. Enumerable.Range(0, 6).Select(n => CustomSkill(random, n))];

    [Fact]
    public void Generated_requests_get_the_prompt_the_previous_definition_gave()
    {
        var random = new Random(20261129);
        List<Skill> pool = Pool(random);
        int withRubrics = 0, withReference = 0;
        for (int i = 0; i < 5_000; i++)
        {
            JudgeRequest request = Request(random, pool);
            withRubrics += request.InstanceRubrics.Count > 0 ? 1 : 0;
            withReference += request.ReferenceAnswer is null ? 0 : 1;
            ReviewPrompt expected = Previous.Build(request);
            ReviewPrompt actual = ReviewPromptBuilder.Build(request);
            Assert.Equal(expected.System, actual.System);
            Assert.Equal(expected.User, actual.User);
        }
        // Both kinds of request were generated, many times each.
        Assert.InRange(withRubrics, 500, 4_500);
        Assert.InRange(withReference, 500, 4_500);
    }

    [Fact]
    public void Requests_built_concurrently_get_the_prompt_the_previous_definition_gave()
    {
        var random = new Random(7);
        List<Skill> pool = Pool(random);
        JudgeRequest[] requests = [.. Enumerable.Range(0, 2_000).Select(_ => Request(random, pool))];
        string[] expected = [.. requests.Select(r => Previous.Build(r).User)];
        string[] actual = new string[requests.Length];
        Parallel.For(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = ReviewPromptBuilder.Build(requests[i]).User);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_skill_list_changed_after_a_request_gets_its_own_block()
    {
        var skills = new List<Skill> { FlaskSkills.Factuality, FlaskSkills.Conciseness };
        var request = new JudgeRequest { Instruction = "Q", Response = "R", Skills = skills };
        Assert.Equal(Previous.Build(request).User, ReviewPromptBuilder.Build(request).User);
        skills[1] = FlaskSkills.Readability;
        Assert.Equal(Previous.Build(request).User, ReviewPromptBuilder.Build(request).User);
    }

    [Fact]
    public void The_skills_block_cache_starts_over_when_full()
    {
        var cache = new SkillsBlockCache(capacity: 4);
        var random = new Random(11);
        List<Skill> pool = Pool(random);
        int builds = 0;
        for (int i = 0; i < 100; i++)
        {
            Skill[] skills = [pool[i % pool.Count], pool[i / pool.Count]];
            Assert.Equal(string.Join("|", skills.Select(s => s.Id)), cache.GetOrAdd(skills, list => { builds++; return string.Join("|", list.Select(s => s.Id)); }));
            Assert.InRange(cache.Count, 1, cache.Capacity);
        }
        Assert.Equal(100, builds);
        // A list held is not built again: the same skills in a new list instance find it.
        Skill[] again = [pool[99 % pool.Count], pool[99 / pool.Count]];
        cache.GetOrAdd(again, _ => throw new InvalidOperationException("built twice"));
    }

    /// <summary>The definitions before the allocation work, kept as the oracle.</summary>
    private static class Previous
    {
        public static ReviewPrompt Build(JudgeRequest request)
        {
            ReviewPromptTemplate template = request.ReferenceAnswer is null ? ReviewPromptTemplate.WithoutReference : ReviewPromptTemplate.WithReference;
            var fields = new Dictionary<string, string>
            {
                ["prompt1"] = CategoryCount(template.Prompt1, request.Skills.Count),
                ["prompt2"] = template.Prompt2,
                ["skills"] = SkillsBlock(request),
                ["question"] = ReviewPromptBuilder.Neutralize(request.Instruction),
                ["response"] = ReviewPromptBuilder.Neutralize(request.Response),
            };
            if (request.ReferenceAnswer is not null)
                fields["sample_answer"] = ReviewPromptBuilder.Neutralize(request.ReferenceAnswer);
            return new ReviewPrompt(template.SystemPrompt, PromptFillTests.First(template.Template, fields));
        }

        private static string SkillsBlock(JudgeRequest request)
        {
            var block = new StringBuilder();
            foreach (Skill skill in request.Skills)
            {
                InstanceRubric? instance = request.InstanceRubrics.TryGetValue(skill.Id, out InstanceRubric? found) ? found : null;
                ScoringRubric scoring = instance?.Scoring ?? skill.Scoring;
                block.Append('\n').Append(skill.Name).Append(": ").Append(ReviewPromptBuilder.Neutralize(skill.Criteria));
                foreach (ScoreLevel level in scoring)
                    block.Append("\nScore ").Append(level.Score).Append(": ").Append(ReviewPromptBuilder.Neutralize(level.Description));
                if (instance is { Checklist.Count: > 0 })
                {
                    block.Append("\nChecklist for this instruction:");
                    foreach (string item in instance.Checklist)
                        block.Append("\n- ").Append(ReviewPromptBuilder.Neutralize(item));
                }
                block.Append("\n\n");
            }
            return block.ToString();
        }

        private static string CategoryCount(string prompt1, int count) => count == 3
            ? prompt1
            : prompt1.Replace("in these 3 categories", count == 1 ? "in this 1 category" : $"in these {count} categories", StringComparison.Ordinal);
    }
}
