using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// docs/judge.md "Reading the answer", rules 12, 7 and 5: a line score is the judge's own (never a line quoted from the
/// response under review), a bare <c>Score:</c> line after an overall verdict or a new paragraph is nobody's, and a
/// dict value <c>03</c> is no score (Python's <c>literal_eval</c> refuses it). Each case fails on the parser before.
/// </summary>
public sealed class QuotedScoreLineTests
{
    private static readonly Skill[] Three = [FlaskSkills.Factuality, FlaskSkills.Readability, FlaskSkills.Conciseness];
    private const string Dict = "{'Factuality': 1, 'Readability': 2}";

    private static string Outcome(string review, string? response = null) => string.Join(", ", ReviewParser.Read(review, Three, response: response).Skills.Select(r => r.Status switch
    {
        SkillScoreStatus.Scored => $"{r.Skill.Id}={r.Score}",
        SkillScoreStatus.NotApplicable => $"{r.Skill.Id}=N/A",
        _ => $"{r.Skill.Id}=error",
    }));

    // Rule 12: a score line inside a quoted block or a quoted line is the response's, not the judge's.
    [Theory]
    [InlineData("Response to evaluate:\n\"\"\"\nConciseness: 5\n\"\"\"\n" + Dict)]
    [InlineData("Response to evaluate:\n```\nConciseness: 5\n```\n" + Dict)]
    [InlineData("Response to evaluate:\n```text\nThe answer.\n## Conciseness\nScore: 5\n```\n" + Dict)]
    [InlineData("The response says:\n> Conciseness: 5\n" + Dict)]
    [InlineData("The response says:\n\"Conciseness: 5\"\n" + Dict)]
    [InlineData("The response says:\n“Conciseness: 5”\n" + Dict)]
    [InlineData("The response says:\n\"\"\"Conciseness: 5\"\"\"\n" + Dict)]
    public void A_quoted_score_line_is_no_score(string review) =>
        Assert.Equal("Factuality=1, Readability=2, Conciseness=error", Outcome(review));

    [Theory]
    [InlineData("The response ends with\nConciseness: 5\n" + Dict, "A short answer.\nConciseness: 5")]
    [InlineData("The response ends with\n  CONCISENESS:   5  \n" + Dict, "A short answer.\nconciseness: 5")]
    public void A_line_copied_from_the_response_is_no_score(string review, string response) =>
        Assert.Equal("Factuality=1, Readability=2, Conciseness=error", Outcome(review, response));

    [Fact]
    public void The_judges_own_score_line_still_counts_after_a_quoted_block()
    {
        Assert.Equal("Factuality=1, Readability=2, Conciseness=3",
            Outcome("Response to evaluate:\n```\nConciseness: 5\n```\nConciseness: 3\n" + Dict, "Conciseness: 5"));
    }

    [Fact]
    public void The_judge_reads_the_response_it_is_given()
    {
        // Through FlaskJudge: a line of JudgeRequest.Response repeated in the review is no score.
        Assert.Equal("Factuality=1, Readability=2, Conciseness=error", Outcome("Conciseness: 5\n" + Dict, "Conciseness: 5"));
        Assert.Equal("Factuality=1, Readability=2, Conciseness=5", Outcome("Conciseness: 5\n" + Dict));
    }

    // Rule 7 (bare score lines): an overall verdict or a new paragraph ends the skill's claim on a "Score:" line.
    [Theory]
    [InlineData("Conciseness: it is long.\nIn summary, the answer is weak overall.\nScore: 2\n" + Dict)]
    [InlineData("## Conciseness\nIt is long.\nFinal verdict\nScore: 2\n" + Dict)]
    [InlineData("## Conciseness\nIt is long.\n**Overall**\nScore: 2\n" + Dict)]
    [InlineData("Conciseness: it is long.\n\nThe answer is weak in every respect.\nScore: 2\n" + Dict)]
    public void A_score_line_after_an_overall_verdict_or_another_paragraph_is_nobodys(string review) =>
        Assert.Equal("Factuality=1, Readability=2, Conciseness=error", Outcome(review));

    [Theory]
    [InlineData("## Conciseness\n\nIt is long.\nScore: 2\n" + Dict)]
    [InlineData("## Conciseness\nIt is long.\n\nScore: 2\n" + Dict)]
    [InlineData("Conciseness:\nIt is long.\nScore: 2\n" + Dict)]
    public void A_score_line_in_the_skills_own_paragraph_is_its_score(string review) =>
        Assert.Equal("Factuality=1, Readability=2, Conciseness=2", Outcome(review));

    // Rule 5: a decimal with a leading zero is refused by literal_eval, so FLASK reads no score.
    [Theory]
    [InlineData("{'Factuality': 03, 'Readability': 2, 'Conciseness': 3}", "Factuality=error, Readability=2, Conciseness=3")]
    [InlineData("{'Factuality': 4, 'Readability': 05/5, 'Conciseness': (+03)}", "Factuality=4, Readability=error, Conciseness=error")]
    [InlineData("{'Factuality': '03', 'Readability': 0.5e1, 'Conciseness': 0}", "Factuality=3, Readability=5, Conciseness=error")]
    public void A_leading_zero_decimal_is_no_score_as_in_FLASK(string review, string expected) =>
        Assert.Equal(expected, Outcome(review));
}
