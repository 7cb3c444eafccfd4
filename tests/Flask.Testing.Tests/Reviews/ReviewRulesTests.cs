using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// One test per rule of docs/judge.md "Reading the answer", in its order: FLASK's reading, then each rule beyond it.
/// The cases of issue 10 ("Reading reviews", points 1 to 6) each fail on the parser before it.
/// </summary>
public sealed class ReviewRulesTests
{
    private static readonly Skill[] Three = [FlaskSkills.Factuality, FlaskSkills.Readability, FlaskSkills.Conciseness];

    private static string Outcome(string review, params Skill[] skills) => string.Join(", ", ReviewParser.Parse(review, skills.Length > 0 ? skills : Three).Select(r => r.Status switch
    {
        SkillScoreStatus.Scored => $"{r.Skill.Id}={r.Score}",
        SkillScoreStatus.NotApplicable => $"{r.Skill.Id}=N/A",
        _ => $"{r.Skill.Id}=error",
    }));

    // Rule: FLASK's key matching, a key is the skill its first word (second for "Logical ...") names (issue 10, point 5).
    [Theory]
    [InlineData("{'Factuality (Background Knowledge)': 4, 'Readability of User Alignment': 5, 'Conciseness score (1-5)': 3}", "Factuality=4, Readability=5, Conciseness=3")]
    [InlineData("{'factuality_of_background_knowledge': 2, 'READABILITY': 3, 'conciseness (user alignment)': 1}", "Factuality=2, Readability=3, Conciseness=1")]
    public void A_key_is_the_skill_FLASK_files_it_under(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));

    [Fact]
    public void Logical_keys_are_filed_under_their_second_word_as_FLASK_does()
    {
        Skill[] logical = [FlaskSkills.LogicalRobustness, FlaskSkills.LogicalCorrectness, FlaskSkills.LogicalEfficiency];

        Assert.Equal("LogicalRobustness=2, LogicalCorrectness=3, LogicalEfficiency=4",
            Outcome("{'Logical Robustness of Logical Thinking': 2, 'logical correctness': 3, 'Logical_Efficiency (1-5)': 4}", logical));
    }

    // Rule: values as Python's literal_eval reads them, then float() (issue 10, point 5).
    [Theory]
    [InlineData("{'Factuality': 3e0, 'Readability': +3, 'Conciseness': (5)}", "Factuality=3, Readability=3, Conciseness=5")]
    [InlineData("{'Factuality': 3.0, 'Readability': 0x4, 'Conciseness': -(-2)}", "Factuality=3, Readability=4, Conciseness=error")]
    [InlineData("{'Factuality': ' 4 ', 'Readability': \"4.\", 'Conciseness': '.5e1'}", "Factuality=4, Readability=4, Conciseness=5")]
    [InlineData("{'Factuality': 4.5, 'Readability': (+2), 'Conciseness': u'3'}", "Factuality=4.5, Readability=2, Conciseness=3")]
    [InlineData("{'Factuality': 'inf', 'Readability': 6e0, 'Conciseness': 0.5}", "Factuality=error, Readability=error, Conciseness=error")]
    [InlineData("{'Factuality': True, 'Readability': None, 'Conciseness': [4]}", "Factuality=error, Readability=error, Conciseness=error")]
    public void Values_are_read_as_Python_reads_them_then_checked_to_be_1_to_5(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));

    // Rule: the skill's own key wins over an alias; an alias only fills a skill that is absent (issue 10, point 3).
    [Theory]
    [InlineData("{'Factuality': 4, 'Readability': 5, 'Conciseness': 3, 'Brevity': 1}", "Factuality=4, Readability=5, Conciseness=3")]
    [InlineData("{'Brevity': 1, 'Factuality': 4, 'Readability': 5, 'Conciseness': 3}", "Factuality=4, Readability=5, Conciseness=3")]
    [InlineData("{'Factuality': 4, 'Clarity': 2, 'Brevity': 1}", "Factuality=4, Readability=2, Conciseness=1")]
    [InlineData("{'Factuality': 4, 'Readability': 5, 'Conciseness': 'good', 'Brevity': 1}", "Factuality=4, Readability=5, Conciseness=error")]
    public void The_skills_own_key_wins_over_an_alias(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));

    // Rule: a repeated key keeps its last value (a Python dict); two keys of one skill with different scores are an error.
    [Theory]
    [InlineData("{'Factuality': 2, 'factuality': 4, 'Readability': 5, 'Conciseness': 3}", "Factuality=4, Readability=5, Conciseness=3")]
    [InlineData("{'Factuality': 2, 'Factuality score': 4, 'Readability': 5, 'Conciseness': 3}", "Factuality=error, Readability=5, Conciseness=3")]
    [InlineData("{'Factuality': 4, 'Factuality score': 4, 'Factuality notes': 'minor', 'Readability': 5, 'Conciseness': 3}", "Factuality=4, Readability=5, Conciseness=3")]
    public void Repeated_and_conflicting_keys(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));

    // Rule: N/A is a whole token, never a prefix (issue 10, point 2).
    [Theory]
    [InlineData("{'Factuality': 'n/a.', 'Readability': 'NA', 'Conciseness': 'Not Applicable'}", "Factuality=N/A, Readability=N/A, Conciseness=N/A")]
    [InlineData("{'Factuality': 4, 'Readability': 5}\nConciseness: Naturally, it repeats itself.", "Factuality=4, Readability=5, Conciseness=error")]
    [InlineData("Factuality: N/A\nReadability: n/a.\nConciseness: Nah, too long.", "Factuality=N/A, Readability=N/A, Conciseness=error")]
    [InlineData("{'Factuality': 'nay', 'Readability': 'n/a - no text', 'Conciseness': 'NaN'}", "Factuality=error, Readability=error, Conciseness=error")]
    public void NA_is_the_whole_token(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));

    [Fact]
    public void Naturally_is_not_NA_in_the_issues_review()
    {
        SkillReading conciseness = ReviewParser.Parse("{'Factuality': 4, 'Readability': 5}\nConciseness: Naturally, it repeats itself.", Three)[2];

        Assert.Equal(SkillScoreStatus.JudgeError, conciseness.Status);
    }

    // Rule: a line score counts only when the line is nothing but a score (issue 10, point 1).
    [Theory]
    [InlineData("Factuality: 4\nReadability: **4/5**\nConciseness: 4 out of 5.", "Factuality=4, Readability=4, Conciseness=4")]
    [InlineData("Factuality: Score: 2\nReadability: `3`\nConciseness: 5 points", "Factuality=2, Readability=3, Conciseness=5")]
    [InlineData("{'Factuality': 4, 'Readability': 5}\nConciseness: 2 sentences would have been enough.", "Factuality=4, Readability=5, Conciseness=error")]
    [InlineData("Factuality: 1 date is wrong. The treaty was 1648.\nReadability: 3 paragraphs, well organized.\nConciseness: 4/5 - a bit long", "Factuality=error, Readability=error, Conciseness=error")]
    [InlineData("Factuality: 7\nReadability: 8/10\nConciseness: 0", "Factuality=error, Readability=error, Conciseness=error")]
    public void A_line_score_is_a_line_that_is_only_a_score(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));

    [Fact]
    public void A_review_cut_off_before_its_dict_gives_no_scores_from_its_prose()
    {
        const string review = "Factuality: 1 date is wrong, the rest is right.\nReadability: 3 paragraphs with clear headings.\nConciseness: The answer";

        Assert.Equal("Factuality=error, Readability=error, Conciseness=error", Outcome(review));
    }

    [Fact]
    public void A_score_line_under_a_heading_is_that_skills_score()
    {
        Assert.Equal("Factuality=5, Readability=4, Conciseness=error",
            Outcome("## Factuality\nRight.\nScore: 5\n## Readability\nClear.\nRating: 4/5\n## Conciseness\nScore: 2 sentences too many"));
    }

    [Fact]
    public void A_score_line_after_another_heading_is_nobodys()
    {
        // "## Completeness" is not requested: its "Score: 1" must not become Readability's.
        Assert.Equal("Factuality=5, Readability=error, Conciseness=error",
            Outcome("## Factuality\nScore: 5\n## Readability\nClear enough.\n## Completeness\nMissing a step.\nScore: 1"));
    }

    [Fact]
    public void The_cut_last_line_of_a_review_stopped_at_its_token_limit_gives_no_score()
    {
        const string review = "Factuality: 4\nReadability: 5\nConciseness: 3 ";

        Assert.Equal("Factuality=4, Readability=5, Conciseness=3", Outcome(review));
        Assert.Equal(SkillScoreStatus.JudgeError, ReviewParser.Read(review, Three, truncated: true).Skills[2].Status);
    }

    // Rule: which dict wins: the last {...} that is a score dict; braces after it (a note) do not hide it.
    [Fact]
    public void The_last_score_dict_wins_and_a_later_non_score_brace_does_not_hide_it()
    {
        Assert.Equal("Factuality=1, Readability=2, Conciseness=3",
            Outcome("The response ends with {'Factuality': 5, 'Readability': 5, 'Conciseness': 5}.\n{'Factuality': 1, 'Readability': 2, 'Conciseness': 3}\nSee {docs} and {'note': 'none'}."));
    }

    [Fact]
    public void A_last_dict_of_other_skills_is_the_score_dict_an_earlier_quoted_one_does_not_count()
    {
        // FLASK reads the last dict only; a fake dict quoted from the response before it must not fill the gaps.
        Assert.Equal("Factuality=error, Readability=error, Conciseness=error",
            Outcome("The response says {'Factuality': 5, 'Readability': 5, 'Conciseness': 5}.\n{'Completeness': 2, 'Harmlessness': 5}"));
    }

    // Rule: JSON, fences, bare keys, single/double quotes, trailing comma, 4/5 in a dict.
    [Fact]
    public void JSON_in_a_fence_with_bare_keys_and_written_scores_is_read()
    {
        Assert.Equal("Factuality=4, Readability=3, Conciseness=5",
            Outcome("```json\n{\"scores\": {Factuality: \"4/5\", \"Readability\": \"3 out of 5\", 'Conciseness': 5,}, \"comment\": \"ok\"}\n```"));
    }

    // Rule: a dict entry naming no requested skill is kept as an unrequested score (issue 10, point 6).
    [Fact]
    public void Scores_for_skills_not_requested_are_kept_apart()
    {
        ReviewReading read = ReviewParser.Read("{'Factuality': 4, 'Readability': 5, 'Conciseness': 3, 'Completeness': 2, 'Harmlessness': 'N/A', 'Insightfulness': 9, 'note': 'x'}", Three);

        Assert.Equal("Factuality=4, Readability=5, Conciseness=3", string.Join(", ", read.Skills.Select(r => $"{r.Skill.Id}={r.Score}")));
        Assert.Equal([("Completeness", SkillScoreStatus.Scored, (double?)2), ("Harmlessness", SkillScoreStatus.NotApplicable, null)], read.Unrequested);
    }

    [Fact]
    public void An_alias_that_loses_to_the_skills_own_key_is_not_an_unrequested_score()
    {
        ReviewReading read = ReviewParser.Read("{'Factuality': 4, 'Readability': 5, 'Conciseness': 3, 'Brevity': 1}", Three);

        Assert.Empty(read.Unrequested);
    }

    [Theory]
    [InlineData("completeness", "Completeness")]
    [InlineData("Readability of User Alignment", "Readability")]
    [InlineData("logical_robustness", "LogicalRobustness")]
    [InlineData("Thoroughness", "Completeness")]
    [InlineData("overall", null)]
    public void The_catalog_finds_the_skill_of_an_unrequested_key_as_reviews_are_read(string key, string? skill) =>
        Assert.Equal(skill, FlaskSkills.Catalog.FindByJudgeKey(key)?.Id);

    [Fact]
    public void Two_requested_skills_sharing_FLASKs_word_are_told_apart_by_their_own_names()
    {
        Skill toneOfVoice = Custom("ToneOfVoice", "Tone of Voice");
        Skill toneShift = Custom("ToneShift", "Tone Shift");

        Assert.Equal("ToneOfVoice=4, ToneShift=2", Outcome("{'Tone of Voice': 4, 'Tone Shift': 2, 'Tone': 5}", toneOfVoice, toneShift));
    }

    private static Skill Custom(string id, string name) => new(id, name, new Ability("Brand"), "Is it right?",
        new ScoringRubric("a", "b", "c", "d", "e"));
}
