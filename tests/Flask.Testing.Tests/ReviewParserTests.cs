using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>Judge outputs as FLASK's judge writes them, as other judges write them, and broken ones.</summary>
public sealed class ReviewParserTests
{
    private static readonly Skill[] Three = [FlaskSkills.LogicalRobustness, FlaskSkills.Readability, FlaskSkills.Factuality];

    private static string Outcome(IReadOnlyList<SkillReading> readings) => string.Join(", ", readings.Select(r => r.Status switch
    {
        SkillScoreStatus.Scored => $"{r.Skill.Id}={r.Score}",
        SkillScoreStatus.NotApplicable => $"{r.Skill.Id}=N/A",
        _ => $"{r.Skill.Id}=error",
    }));

    public static TheoryData<string, string> Reviews => new()
    {
        // FLASK's own format (GPT-4 reviews in FLASK's repository look like this).
        { """
          Logical Robustness: The reasoning holds up, but one edge case is missed.
          Readability: Well structured.
          Factuality: Accurate.

          {'logical robustness': 4, 'readability': 5, 'factuality': 3}
          """, "LogicalRobustness=4, Readability=5, Factuality=3" },
        // Underscored keys, FLASK's normalization: '_' as space, case ignored.
        { "Feedback...\n{'Logical_Robustness': 2, 'READABILITY': 3, 'factuality': 1}", "LogicalRobustness=2, Readability=3, Factuality=1" },
        // Newlines inside the dict are dropped.
        { "Feedback\n{\n  'logical robustness': 5,\n  'readability': 4,\n  'factuality': 4\n}", "LogicalRobustness=5, Readability=4, Factuality=4" },
        // JSON in a code fence, double quotes, trailing comma.
        { "Here are my scores:\n```json\n{\n  \"Logical Robustness\": 3,\n  \"Readability\": 4,\n  \"Factuality\": 2,\n}\n```", "LogicalRobustness=3, Readability=4, Factuality=2" },
        // Keys by id and alias; values as "4", 4.0 and 4/5.
        { "{\"LogicalRobustness\": \"4\", \"readability\": 4.0, \"factual accuracy\": \"4/5\"}", "LogicalRobustness=4, Readability=4, Factuality=4" },
        // N/A in FLASK's spellings.
        { "{'logical robustness': 'N/A', 'readability': 'n/a', 'factuality': 'not applicable'}", "LogicalRobustness=N/A, Readability=N/A, Factuality=N/A" },
        { "{'logical robustness': na, 'readability': 3, 'factuality': 'NA'}", "LogicalRobustness=N/A, Readability=3, Factuality=N/A" },
        // The last dict counts: an earlier one (e.g. quoted from the response) does not.
        { "The response claims {'logical robustness': 5, 'readability': 5, 'factuality': 5} but...\n{'logical robustness': 1, 'readability': 2, 'factuality': 1}", "LogicalRobustness=1, Readability=2, Factuality=1" },
        // Something after the dict that is not a score dict (a note with braces) does not hide it.
        { "{'logical robustness': 3, 'readability': 3, 'factuality': 3}\nNote: use {braces} sparingly.", "LogicalRobustness=3, Readability=3, Factuality=3" },
        // No dict: "Skill: 4" lines.
        { "Logical Robustness: 4\nReadability: 3/5\n**Factuality**: 2", "LogicalRobustness=4, Readability=3, Factuality=2" },
        // No dict: a "Score: N" line under each skill's heading.
        { "## Logical Robustness\nSound logic.\nScore: 5\n\n## Readability\nClear.\nScore: 4\n\n## Factuality\nOne wrong date.\nScore: 3", "LogicalRobustness=5, Readability=4, Factuality=3" },
        // Out of range, missing, unreadable: judge errors, never silent scores.
        { "{'logical robustness': 7, 'readability': 0, 'factuality': 3}", "LogicalRobustness=error, Readability=error, Factuality=3" },
        { "{'logical robustness': 4, 'readability': 4}", "LogicalRobustness=4, Readability=4, Factuality=error" },
        { "{'logical robustness': 'good', 'readability': 4, 'factuality': 4}", "LogicalRobustness=error, Readability=4, Factuality=4" },
        { "{'logical robustness': 4, 'readability': '8/10', 'factuality': 4}", "LogicalRobustness=4, Readability=error, Factuality=4" },
        // Truncated (max tokens reached mid-dict): what is readable is read, the rest is a judge error.
        { "Logical Robustness: fine.\n\n{'logical robustness': 4, 'readability': 5, 'fact", "LogicalRobustness=error, Readability=error, Factuality=error" },
        // Garbage.
        { "I cannot help with that.", "LogicalRobustness=error, Readability=error, Factuality=error" },
        { "", "LogicalRobustness=error, Readability=error, Factuality=error" },
        // Scores for other skills only.
        { "{'conciseness': 4, 'harmlessness': 5}", "LogicalRobustness=error, Readability=error, Factuality=error" },
    };

    [Theory]
    [MemberData(nameof(Reviews))]
    public void Reads_the_scores_a_judge_wrote(string review, string expected)
    {
        Assert.Equal(expected, Outcome(ReviewParser.Parse(review, Three)));
    }

    [Fact]
    public void Keeps_each_skills_feedback()
    {
        const string review = """
            Logical Robustness: The proof skips the case n = 0.
            Readability: Short paragraphs, clear headings.
            Factuality: The date of the treaty is wrong.

            {'logical robustness': 3, 'readability': 5, 'factuality': 2}
            """;

        var readings = ReviewParser.Parse(review, Three);

        Assert.Equal(
            ["The proof skips the case n = 0.", "Short paragraphs, clear headings.", "The date of the treaty is wrong."],
            readings.Select(r => r.Feedback));
    }

    [Fact]
    public void A_judge_error_says_what_is_wrong()
    {
        var readings = ReviewParser.Parse("{'logical robustness': 7, 'readability': 4}", Three);

        Assert.Equal("Logical Robustness: the judge's score 7 is outside 1..5", readings[0].Error);
        Assert.Equal("the judge gave no score for Factuality", readings[2].Error);
        Assert.Equal("the judge's review has no readable scores", ReviewParser.Parse("no scores here", Three)[0].Error);
    }

    [Fact]
    public void Scores_with_fractions_are_kept_as_FLASK_reads_them()
    {
        var readings = ReviewParser.Parse("{'logical robustness': 4.5, 'readability': 3, 'factuality': 2}", Three);

        Assert.Equal(4.5, readings[0].Score);
    }
}
