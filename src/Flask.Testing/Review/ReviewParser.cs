using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Flask.Testing;

/// <summary>
/// Reads a judge's review into a score per requested skill. FLASK's reading comes first and is kept exactly: the last
/// <c>{...}</c> of the review, newlines dropped, <c>_</c> read as a space, a key filed under its first word (second
/// for "Logical …"), values read as Python reads them. Then what real judges also write (JSON, fences, bare keys, ids,
/// aliases, <c>4/5</c>), and, for skills the dict does not name, lines that are nothing but a score. Every rule is in
/// docs/judge.md. A skill without a usable score is a judge error, never a silent score.
/// </summary>
internal static partial class ReviewParser
{
    [GeneratedRegex(@"^[\s>#*_`\-\d.)]*(?<label>[^:=\n]{1,80}?)[\s*_`]*(?:[:=]|\s[-–—]\s)\s*(?<rest>.*)$")]
    private static partial Regex LabelledLine();

    [GeneratedRegex(@"^[\s>#*_`\-\d.)]*(?<label>[A-Za-z][A-Za-z _\-]{1,80}?)[\s*_`:]*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^(?:score|rating)$", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreLabel();

    // A line that opens a verdict about the whole response, not one skill: "Overall, …", "In summary", "Final verdict".
    [GeneratedRegex(@"^[\s>#*_`\-]*(?:overall|in\s+summary|summary|in\s+conclusion|conclusion|to\s+summari[sz]e|final|finally|total|all\s+in\s+all|verdict)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OverallLine();

    /// <summary>The readings of the requested <paramref name="skills"/> only.</summary>
    public static IReadOnlyList<SkillReading> Parse(string review, IReadOnlyList<Skill> skills) => Read(review, skills).Skills;

    /// <summary>The readings of the requested <paramref name="skills"/> and the dictionary's other scores.</summary>
    /// <param name="review">The review.</param>
    /// <param name="skills">The requested skills.</param>
    /// <param name="truncated">The judge stopped at its token limit: the last line is cut (<c>Readability: 3 </c> of
    /// <c>Readability: 3 paragraphs …</c>) and gives no line score.</param>
    /// <param name="response">The response under review: a line of the review that repeats one of its lines is quoted,
    /// never a line score (a model under test could plant <c>Conciseness: 5</c> in its answer).</param>
    public static ReviewReading Read(string review, IReadOnlyList<Skill> skills, bool truncated = false, string? response = null)
    {
        review ??= string.Empty;
        (int dictStart, List<DictEntry>? dict) = FindScoreDictionary(review, skills);
        string body = dictStart >= 0 ? review[..dictStart] : review;
        var (feedback, lineScores) = ReadLines(dictStart < 0 && truncated ? body[..(body.LastIndexOf('\n') + 1)] : body, skills,
            new Lazy<HashSet<string>>(() => ResponseLines(response), LazyThreadSafetyMode.None));
        var entries = dict is null ? [] : Deduplicate(dict).Select(e => (Entry: e, Named: Named(skills, e.Key))).ToList();

        var readings = new List<SkillReading>(skills.Count);
        foreach (Skill skill in skills)
        {
            string text = feedback.TryGetValue(skill, out string? section) ? section : body.Trim();
            // The skill's own keys (FLASK's, then its id or name written another way); an alias only when it has none.
            DictEntry[] keys = [];
            foreach (SkillKeyMatch tier in new[] { SkillKeyMatch.Flask, SkillKeyMatch.Own, SkillKeyMatch.Alias })
            {
                keys = [.. entries.Where(e => e.Named is { } n && n.Skill == skill && n.Match == tier).Select(e => e.Entry)];
                if (keys.Length > 0)
                    break;
            }
            if (keys.Length > 0)
                readings.Add(FromDict(skill, keys, text));
            else if (lineScores.TryGetValue(skill, out string? line))
            {
                var (status, score, error) = ScoreValue.Read(line, ScoreSource.Line);
                readings.Add(new SkillReading(skill, status, score, text, error is null ? null : $"{skill.Name}: {error}"));
            }
            else
            {
                string why = dict is null && lineScores.Count == 0
                    ? "the judge's review has no readable scores"
                    : $"the judge gave no score for {skill.Name}";
                readings.Add(new SkillReading(skill, SkillScoreStatus.JudgeError, null, text, why));
            }
        }

        var unrequested = new List<(string, SkillScoreStatus, double?)>();
        foreach (var (entry, _) in entries.Where(e => e.Named is null))
        {
            if (ScoreValue.Read(entry.Value, entry.Source) is (not SkillScoreStatus.JudgeError, var score, _) read)
                unrequested.Add((entry.Key, read.Status, score));
        }
        return new ReviewReading(readings, unrequested);
    }

    /// <summary>
    /// One skill's reading from its keys (all of one tier). The values FLASK reads come first (a key FLASK reads beside
    /// one only this reader understands, such as <c>'1 out of 5'</c>, is FLASK's); two different scores are a judge
    /// error (FLASK would average them); N/A when none scores and one says N/A; else the first key's error.
    /// </summary>
    private static SkillReading FromDict(Skill skill, DictEntry[] keys, string feedback)
    {
        var reads = keys.Select(k => ScoreValue.ReadAsFlask(k.Value, k.Source)).ToArray();
        var scored = reads.Where(r => r.Status == SkillScoreStatus.Scored).ToArray();
        if (scored.Any(r => r.Flask))
            scored = [.. scored.Where(r => r.Flask)];
        double[] scores = [.. scored.Select(r => r.Score!.Value).Distinct()];
        if (scores.Length == 1)
            return new SkillReading(skill, SkillScoreStatus.Scored, scores[0], feedback, null);
        if (scores.Length > 1)
        {
            string given = string.Join(", ", keys.Select(k => $"'{k.Key}': {k.Value}"));
            return new SkillReading(skill, SkillScoreStatus.JudgeError, null, feedback, $"{skill.Name}: the judge gave different scores ({given})");
        }
        if (reads.Any(r => r.Status == SkillScoreStatus.NotApplicable))
            return new SkillReading(skill, SkillScoreStatus.NotApplicable, null, feedback, null);
        return new SkillReading(skill, SkillScoreStatus.JudgeError, null, feedback, $"{skill.Name}: {reads[0].Error}");
    }

    /// <summary>A Python dict keeps the last value of a repeated key (FLASK lowercases keys first): so does this.</summary>
    private static IEnumerable<DictEntry> Deduplicate(List<DictEntry> dict) =>
        dict.GroupBy(e => e.Key.ToLowerInvariant(), StringComparer.Ordinal).Select(g => g.Last());

    /// <summary>
    /// The requested skill <paramref name="key"/> names and how (<see cref="SkillKey.Match(SkillKey.Written, SkillKey.Names)"/>), or null. A key two
    /// skills claim equally (two skills whose names share FLASK's word) names the one that claims it better, or none.
    /// </summary>
    private static (Skill Skill, SkillKeyMatch Match)? Named(IReadOnlyList<Skill> skills, string key)
    {
        var written = new SkillKey.Written(key);
        var matches = skills.Select(s => (Skill: s, Match: SkillKey.Match(written, s.KeyNames))).Where(m => m.Match != SkillKeyMatch.None).ToArray();
        if (matches.Length == 0)
            return null;
        SkillKeyMatch best = matches.Min(m => m.Match);
        var claimants = matches.Where(m => m.Match == best).ToArray();
        if (claimants.Length == 1)
            return claimants[0];
        if (best != SkillKeyMatch.Flask)
            return null;
        // FLASK's word is shared by two requested skills: only an exact id or name decides.
        var exact = claimants.Where(m => written.Normalized == m.Skill.KeyNames.Id || written.Normalized == m.Skill.KeyNames.Name).ToArray();
        return exact.Length == 1 ? (exact[0].Skill, SkillKeyMatch.Own) : null;
    }

    private static bool Names(IReadOnlyList<Skill> skills, string label) => Named(skills, label) is not null;

    /// <summary>
    /// The last <c>{...}</c> that reads as a score dict: it names a requested skill or has a score-shaped value. FLASK
    /// takes the last <c>{...}</c>; going back further only helps when the judge wrote braces after its dict (a note).
    /// </summary>
    private static (int Start, List<DictEntry>? Dict) FindScoreDictionary(string review, IReadOnlyList<Skill> skills)
    {
        for (int end = review.LastIndexOf('}'); end > 0; end = review.LastIndexOf('}', end - 1))
        {
            int start = review.LastIndexOf('{', end);
            if (start < 0)
                break;
            // FLASK's normalization: no newlines, '_' as a space (keys are matched ignoring case anyway).
            string candidate = review.Substring(start, end - start + 1).Replace("\n", string.Empty, StringComparison.Ordinal).Replace('_', ' ');
            if (ScoreDictionary.Parse(candidate) is { } dict
                && dict.Any(e => Names(skills, e.Key) || ScoreValue.IsScoreShaped(e.Value, e.Source)))
                return (start, dict);
        }
        return (-1, null);
    }

    /// <summary>
    /// One pass over the review's lines: each skill's feedback (its text from its heading up to the next skill's) and
    /// the scores written as lines, <c>Logical Robustness: 4</c> or a <c>Score: 4</c> line under a skill's heading.
    /// A line counts as a score only when all that follows the label is a score (<see cref="ScoreSource.Line"/>), and
    /// only when it is the judge's own: not quoted (<see cref="IsQuoted"/>), not a line of the response.
    /// </summary>
    private static (Dictionary<Skill, string> Feedback, Dictionary<Skill, string> Scores) ReadLines(string body, IReadOnlyList<Skill> skills, Lazy<HashSet<string>> responseLines)
    {
        var sections = new Dictionary<Skill, List<string>>();
        var scores = new Dictionary<Skill, string>();
        Skill? current = null, scoreOwner = null;
        bool inFence = false, sawText = false, blankAfterText = false;
        foreach (string raw in body.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            bool fenceLine = IsFence(line);
            ReviewLine read = Classify(line, skills);
            // Whether the response has the line matters only for a line that is more than text, or that may open an
            // overall verdict: for other text, quoted or not reads the same, so it is not looked up.
            bool quoted = inFence || fenceLine || IsQuoted(line)
                || ((read.Skill is not null || read.IsScoreOnly || read.IsOtherHeading || OverallLine().IsMatch(line))
                    && responseLines.Value.Contains(Normalize(line)));
            if (fenceLine)
                inFence = !inFence;
            if (quoted)
            {
                // Quoted text is feedback, never a score; a quoted heading or label (or the judge's own heading that
                // the response also has) still ends the claim of the skill before it on a later "Score:" line.
                bool heading = read.Skill is not null || read.IsOtherHeading;
                read = new ReviewLine(null, line, null, IsScoreOnly: false, IsOtherHeading: heading);
            }
            if (read.Skill is not null)
            {
                current = scoreOwner = read.Skill;
                (sawText, blankAfterText) = (read.Text.Length > 0, false);
                List<string> section = sections.TryGetValue(current, out var existing) ? existing : sections[current] = [];
                if (read.Text.Length > 0)
                    section.Add(read.Text);
                if (read.Score is not null)
                    scores[current] = read.Score;
            }
            else if (read.IsScoreOnly)
            {
                // A bare "Score: 4" line is the score of the skill whose heading came last, not feedback; after
                // another heading or label (perhaps a skill not requested), an overall verdict or a new paragraph it
                // is nobody's.
                if (scoreOwner is not null)
                    scores[scoreOwner] = read.Score!;
            }
            else
            {
                if (line.Trim().Length == 0)
                    blankAfterText |= sawText;
                else if (read.IsOtherHeading || blankAfterText || (!quoted && OverallLine().IsMatch(line)))
                    scoreOwner = null;
                else
                    sawText = true;
                if (current is not null)
                    sections[current].Add(line);
            }
        }
        return (sections.ToDictionary(s => s.Key, s => string.Join("\n", s.Value).Trim()), scores);
    }

    /// <summary>A line that opens or closes a quoted block: <c>```</c> (with a language or not) or <c>"""</c> alone.</summary>
    private static bool IsFence(string line)
    {
        string trimmed = line.Trim();
        return trimmed.StartsWith("```", StringComparison.Ordinal)
            || (trimmed.StartsWith("\"\"\"", StringComparison.Ordinal) && (trimmed.Length == 3 || !trimmed.EndsWith("\"\"\"", StringComparison.Ordinal)));
    }

    /// <summary>A quoted line: a Markdown quote (<c>&gt; …</c>), or a line wrapped in quotes (<c>"…"</c>, <c>“…”</c>, <c>'…'</c>, <c>«…»</c>, <c>"""…"""</c>).</summary>
    private static bool IsQuoted(string line)
    {
        string trimmed = line.Trim();
        if (trimmed.StartsWith('>'))
            return true;
        return trimmed.Length >= 2 && trimmed[0] is '"' or '\'' or '“' or '‘' or '«' && trimmed[^1] is '"' or '\'' or '”' or '’' or '»';
    }

    /// <summary>A line as compared with the response's lines: trimmed, lowercased, white space folded to one space.</summary>
    internal static string Normalize(string line)
    {
        // What Regex.Replace(line.Trim(), @"\s+", " ") gives (.NET's \s is char.IsWhiteSpace), without a regex per line:
        // every line of every response and review goes through here.
        ReadOnlySpan<char> trimmed = line.AsSpan().Trim();
        var folded = new StringBuilder(trimmed.Length);
        bool inSpace = false;
        foreach (char c in trimmed)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space)
                folded.Append(c);
            else if (!inSpace)
                folded.Append(' ');
            inSpace = space;
        }
        return folded.ToString().ToLowerInvariant();
    }

    private static HashSet<string> ResponseLines(string? response) =>
        response is null ? [] : [.. response.Split('\n').Select(Normalize).Where(l => l.Length > 0)];

    /// <summary>What one line of a review is: a skill's heading or labelled line (with its text and score), a bare score, or text.</summary>
    private static ReviewLine Classify(string line, IReadOnlyList<Skill> skills)
    {
        if (LabelledLine().Match(line) is { Success: true } labelled)
        {
            string label = labelled.Groups["label"].Value.Trim();
            string rest = labelled.Groups["rest"].Value.Trim();
            string? score = ScoreValue.IsScoreShaped(rest, ScoreSource.Line) ? rest : null;
            if (Named(skills, label) is { } named)
                return new ReviewLine(named.Skill, rest, score, IsScoreOnly: false, IsOtherHeading: false);
            if (score is not null && ScoreLabel().IsMatch(label))
                return new ReviewLine(null, string.Empty, score, IsScoreOnly: true, IsOtherHeading: false);
            if (!ScoreLabel().IsMatch(label))
                return new ReviewLine(null, line, null, IsScoreOnly: false, IsOtherHeading: true);
        }
        if (HeadingLine().Match(line) is { Success: true } heading)
        {
            if (Named(skills, heading.Groups["label"].Value) is { } headed)
                return new ReviewLine(headed.Skill, string.Empty, null, IsScoreOnly: false, IsOtherHeading: false);
            // A Markdown heading or a bold line: another section begins.
            string marked = line.Trim();
            if (marked.StartsWith('#') || marked.StartsWith("**", StringComparison.Ordinal) || marked.EndsWith(':'))
                return new ReviewLine(null, line, null, IsScoreOnly: false, IsOtherHeading: true);
        }
        return new ReviewLine(null, line, null, IsScoreOnly: false, IsOtherHeading: false);
    }

    private readonly record struct ReviewLine(Skill? Skill, string Text, string? Score, bool IsScoreOnly, bool IsOtherHeading);
}
