using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Flask.Testing;

/// <summary>
/// Reads a judge's review into a score per requested skill. FLASK's reading comes first: the last <c>{...}</c> of the
/// review, newlines dropped, <c>_</c> read as a space, keys matched ignoring case. Then what real judges also write:
/// JSON or Python dicts with either quotes, in code fences, keyed by name, id or alias; and, for skills the dict does
/// not score, <c>Skill: 4</c> lines or a <c>Score: 4</c> line under the skill's heading. A skill without a usable
/// score is a judge error, never a silent score.
/// </summary>
internal static partial class ReviewParser
{
    [GeneratedRegex(@"^[\s>#*_`\-\d.)]*(?<label>[^:=\n]{1,80}?)[\s*_`]*(?:[:=]|\s[-–—]\s)\s*(?<rest>.*)$")]
    private static partial Regex LabelledLine();

    [GeneratedRegex(@"^[\s>#*_`\-\d.)]*(?<label>[A-Za-z][A-Za-z _\-]{1,80}?)[\s*_`:]*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s*(?<value>n/a|na|not applicable|[+-]?\d+(?:\.\d+)?(?:\s*(?:/|out\s+of)\s*\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingScore();

    public static IReadOnlyList<SkillReading> Parse(string review, IReadOnlyList<Skill> skills)
    {
        review ??= string.Empty;
        (int dictStart, List<KeyValuePair<string, string>>? dict) = FindScoreDictionary(review, skills);
        string body = dictStart >= 0 ? review[..dictStart] : review;
        var (feedback, lineScores) = ReadLines(body, skills);

        var readings = new List<SkillReading>(skills.Count);
        foreach (Skill skill in skills)
        {
            string text = feedback.TryGetValue(skill, out string? section) ? section : body.Trim();
            string? raw = dict?.Where(p => Matches(skill, p.Key)).Select(p => p.Value).LastOrDefault();
            raw ??= lineScores.TryGetValue(skill, out string? line) ? line : null;
            if (raw is null)
            {
                string why = dict is null && lineScores.Count == 0
                    ? "the judge's review has no readable scores"
                    : $"the judge gave no score for {skill.Name}";
                readings.Add(new SkillReading(skill, SkillScoreStatus.JudgeError, null, text, why));
                continue;
            }
            var (status, score, error) = ScoreValue.Read(raw);
            readings.Add(new SkillReading(skill, status, score, text, error is null ? null : $"{skill.Name}: {error}"));
        }
        return readings;
    }

    /// <summary>
    /// The last <c>{...}</c> that reads as a dict naming a requested skill, and where it starts. FLASK takes the last
    /// one; going back further only helps when the judge wrote something after its dict (an example, a note).
    /// </summary>
    private static (int Start, List<KeyValuePair<string, string>>? Dict) FindScoreDictionary(string review, IReadOnlyList<Skill> skills)
    {
        for (int end = review.LastIndexOf('}'); end > 0; end = review.LastIndexOf('}', end - 1))
        {
            int start = review.LastIndexOf('{', end);
            if (start < 0)
                break;
            // FLASK's normalization: no newlines, '_' as a space (keys are matched ignoring case anyway).
            string candidate = review.Substring(start, end - start + 1).Replace("\r", string.Empty).Replace("\n", string.Empty).Replace('_', ' ');
            if (ScoreDictionary.Parse(candidate) is { } dict && dict.Any(p => skills.Any(s => Matches(s, p.Key))))
                return (start, dict);
        }
        return (-1, null);
    }

    private static bool Matches(Skill skill, string key) => skill.IsNamed(key) || skill.IsNamed(StripScoreWord(key));

    private static string StripScoreWord(string label) =>
        Regex.Replace(label, @"(?i)\b(score|rating)\b", string.Empty).Trim();

    /// <summary>
    /// One pass over the review's lines: each skill's feedback (its text from its heading up to the next skill's) and
    /// the scores written as lines, <c>Logical Robustness: 4</c> or a <c>Score: 4</c> line under a skill's heading.
    /// </summary>
    private static (Dictionary<Skill, string> Feedback, Dictionary<Skill, string> Scores) ReadLines(string body, IReadOnlyList<Skill> skills)
    {
        var sections = new Dictionary<Skill, List<string>>();
        var scores = new Dictionary<Skill, string>();
        Skill? current = null;
        foreach (string line in body.Split('\n'))
        {
            ReviewLine read = Classify(line, skills);
            if (read.Skill is not null)
            {
                current = read.Skill;
                List<string> section = sections.TryGetValue(current, out var existing) ? existing : sections[current] = [];
                if (read.Text.Length > 0)
                    section.Add(read.Text);
                if (read.Score is not null)
                    scores[current] = read.Score;
            }
            else if (read.IsScoreOnly)
            {
                // A bare "Score: 4" line is the current skill's score, not feedback.
                if (current is not null)
                    scores[current] = read.Score!;
            }
            else if (current is not null)
                sections[current].Add(line);
        }
        return (sections.ToDictionary(s => s.Key, s => string.Join("\n", s.Value).Trim()), scores);
    }

    /// <summary>What one line of a review is: a skill's heading or labelled line (with its text and score), a bare score, or text.</summary>
    private static ReviewLine Classify(string line, IReadOnlyList<Skill> skills)
    {
        if (LabelledLine().Match(line) is { Success: true } labelled)
        {
            string label = labelled.Groups["label"].Value.Trim();
            string rest = labelled.Groups["rest"].Value.Trim();
            Match value = LeadingScore().Match(rest);
            string? score = value.Success ? value.Groups["value"].Value : null;
            if (skills.FirstOrDefault(s => Matches(s, label)) is { } named)
                return new ReviewLine(named, rest, score, IsScoreOnly: false);
            if (score is not null && StripScoreWord(label).Length == 0)
                return new ReviewLine(null, string.Empty, score, IsScoreOnly: true);
        }
        if (HeadingLine().Match(line) is { Success: true } heading && skills.FirstOrDefault(s => Matches(s, heading.Groups["label"].Value)) is { } headed)
            return new ReviewLine(headed, string.Empty, null, IsScoreOnly: false);
        return new ReviewLine(null, line, null, IsScoreOnly: false);
    }

    private readonly record struct ReviewLine(Skill? Skill, string Text, string? Score, bool IsScoreOnly);
}
