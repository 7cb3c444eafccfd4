using System;
using System.Buffers;
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
        // The body is read as a span of the review: a copy of it becomes a string only as a skill's whole feedback.
        ReadOnlySpan<char> body = dictStart >= 0 ? review.AsSpan(0, dictStart) : review;
        // The response's lines are read only if a line of the review asks, and their buffer goes back to the pool.
        ResponseLines? responseLines = null;
        string?[] feedback, lineScores;
        try
        {
            (feedback, lineScores) = ReadLines(dictStart < 0 && truncated ? body[..(body.LastIndexOf('\n') + 1)] : body, skills, response, ref responseLines);
        }
        finally
        {
            responseLines?.Dispose();
        }
        // Plain loops rather than LINQ from here on: every judge call reads a review, so iterators and closures add up.
        var entries = new List<(DictEntry Entry, (Skill Skill, SkillKeyMatch Match)? Named)>(dict?.Count ?? 0);
        if (dict is not null)
        {
            foreach (DictEntry entry in Deduplicate(dict))
                entries.Add((entry, Named(skills, entry.Key)));
        }

        var readings = new List<SkillReading>(skills.Count);
        // One list for every skill's keys: each is read (FromDict) before the next skill's are looked up.
        var keys = new List<DictEntry>();
        string? wholeBody = null;
        for (int s = 0; s < skills.Count; s++)
        {
            Skill skill = skills[s];
            int index = IndexOf(skills, skill);
            string text = feedback[index] ?? (wholeBody ??= Text(review, body.Trim()));
            if (KeysOf(skill, entries, keys))
                readings.Add(FromDict(skill, keys, text));
            else if (lineScores[index] is { } line)
            {
                var (status, score, error) = ScoreValue.Read(line, ScoreSource.Line);
                readings.Add(new SkillReading(skill, status, score, text, error is null ? null : $"{skill.Name}: {error}"));
            }
            else
            {
                string why = dict is null && Array.TrueForAll(lineScores, score => score is null)
                    ? "the judge's review has no readable scores"
                    : $"the judge gave no score for {skill.Name}";
                readings.Add(new SkillReading(skill, SkillScoreStatus.JudgeError, null, text, why));
            }
        }

        List<(string, SkillScoreStatus, double?)>? unrequested = null;
        foreach (var (entry, named) in entries)
        {
            if (named is null && ScoreValue.Read(entry.Value, entry.Source) is (not SkillScoreStatus.JudgeError, var score, _) read)
                (unrequested ??= []).Add((entry.Key, read.Status, score));
        }
        return new ReviewReading(readings, unrequested is null ? [] : unrequested);
    }

    /// <summary>
    /// One skill's reading from its keys (all of one tier). The values FLASK reads come first (a key FLASK reads beside
    /// one only this reader understands, such as <c>'1 out of 5'</c>, is FLASK's); two different scores are a judge
    /// error (FLASK would average them); N/A when none scores and one says N/A; else the first key's error.
    /// </summary>
    internal static SkillReading FromDict(Skill skill, IReadOnlyList<DictEntry> keys, string feedback)
    {
        // One pass: the distinct scores FLASK reads and those only this reader reads are kept apart, then the first
        // kind decides when there is any.
        DistinctScores flask = default, beyond = default;
        bool notApplicable = false;
        string? firstError = null;
        for (int i = 0; i < keys.Count; i++)
        {
            var read = ScoreValue.ReadAsFlask(keys[i].Value, keys[i].Source);
            if (i == 0)
                firstError = read.Error;
            if (read.Status == SkillScoreStatus.Scored)
            {
                if (read.Flask)
                    flask.Add(read.Score!.Value);
                else
                    beyond.Add(read.Score!.Value);
            }
            notApplicable |= read.Status == SkillScoreStatus.NotApplicable;
        }
        DistinctScores scores = flask.Count > 0 ? flask : beyond;
        if (scores.Count == 1)
            return new SkillReading(skill, SkillScoreStatus.Scored, scores.First, feedback, null);
        if (scores.Count > 1)
        {
            string given = string.Join(", ", keys.Select(k => $"'{k.Key}': {k.Value}"));
            return new SkillReading(skill, SkillScoreStatus.JudgeError, null, feedback, $"{skill.Name}: the judge gave different scores ({given})");
        }
        if (notApplicable)
            return new SkillReading(skill, SkillScoreStatus.NotApplicable, null, feedback, null);
        return new SkillReading(skill, SkillScoreStatus.JudgeError, null, feedback, $"{skill.Name}: {firstError}");
    }

    /// <summary>How many different scores were added (0, 1, or more: the count stops at 2) and the first.</summary>
    private struct DistinctScores
    {
        public int Count { get; private set; }

        public double First { get; private set; }

        public void Add(double score)
        {
            if (Count == 0)
                (Count, First) = (1, score);
            else if (!score.Equals(First))
                Count = 2;
        }
    }

    /// <summary>
    /// The skill's own keys (FLASK's, then its id or name written another way); an alias only when it has none; none
    /// (false) when no key names it. Written into <paramref name="keys"/>, which is cleared first.
    /// </summary>
    private static bool KeysOf(Skill skill, List<(DictEntry Entry, (Skill Skill, SkillKeyMatch Match)? Named)> entries, List<DictEntry> keys)
    {
        keys.Clear();
        for (SkillKeyMatch tier = SkillKeyMatch.Flask; tier <= SkillKeyMatch.Alias; tier++)
        {
            foreach (var (entry, named) in entries)
            {
                if (named is { } n && n.Skill == skill && n.Match == tier)
                    keys.Add(entry);
            }
            if (keys.Count > 0)
                return true;
        }
        return false;
    }

    /// <summary>
    /// A Python dict keeps the last value of a repeated key (FLASK lowercases keys first): so does this. Each key keeps
    /// the place it was first written at.
    /// </summary>
    internal static List<DictEntry> Deduplicate(List<DictEntry> dict)
    {
        // Judges rarely repeat a key: the dict itself then, without lowercased copies of its keys.
        if (!HasRepeatedKey(dict))
            return dict;
        // A dict has a few keys: a scan is cheaper than a grouping.
        var kept = new List<DictEntry>(dict.Count);
        var keys = new List<string>(dict.Count);
        foreach (DictEntry entry in dict)
        {
            string key = entry.Key.ToLowerInvariant();
            int seen = keys.IndexOf(key);
            if (seen >= 0)
                kept[seen] = entry;
            else
            {
                keys.Add(key);
                kept.Add(entry);
            }
        }
        return kept;
    }

    /// <summary>Whether two keys of <paramref name="dict"/> are the same lowercased (as FLASK lowercases them).</summary>
    private static bool HasRepeatedKey(List<DictEntry> dict)
    {
        for (int i = 0; i < dict.Count; i++)
        {
            for (int j = i + 1; j < dict.Count; j++)
            {
                if (SameLowercased(dict[i].Key, dict[j].Key))
                    return true;
            }
        }
        return false;

        // Invariant lowercasing keeps the length, so keys of different lengths differ; others are lowercased into
        // buffers on the stack (as a whole, as string.ToLowerInvariant does: surrogate pairs stay pairs).
        static bool SameLowercased(string a, string b)
        {
            if (a.Length != b.Length)
                return false;
            if (a.Length > 128)
                return string.Equals(a.ToLowerInvariant(), b.ToLowerInvariant(), StringComparison.Ordinal);
            Span<char> lowerA = stackalloc char[a.Length], lowerB = stackalloc char[b.Length];
            a.AsSpan().ToLowerInvariant(lowerA);
            b.AsSpan().ToLowerInvariant(lowerB);
            return lowerA.SequenceEqual(lowerB);
        }
    }

    /// <summary>
    /// The requested skill <paramref name="key"/> names and how (<see cref="SkillKey.Match(SkillKey.Written, SkillKey.Names)"/>), or null. A key two
    /// skills claim equally (two skills whose names share FLASK's word) names the one that claims it better, or none.
    /// </summary>
    internal static (Skill Skill, SkillKeyMatch Match)? Named(IReadOnlyList<Skill> skills, string key) => Named(skills, key.AsSpan());

    /// <inheritdoc cref="Named(IReadOnlyList{Skill}, string)"/>
    internal static (Skill Skill, SkillKeyMatch Match)? Named(IReadOnlyList<Skill> skills, ReadOnlySpan<char> key)
    {
        // Called for every dict key and every labelled line: loops, no LINQ, and the key's forms in a buffer on the
        // stack rather than two strings.
        Span<char> buffer = key.Length <= 128 ? stackalloc char[2 * key.Length] : new char[2 * key.Length];
        ReadOnlySpan<char> word = buffer[..SkillKey.FlaskWord(key, buffer)];
        Span<char> normalizedBuffer = buffer[key.Length..];
        ReadOnlySpan<char> normalized = normalizedBuffer[..SkillKey.Normalize(key, normalizedBuffer)];
        SkillKeyMatch best = SkillKeyMatch.None;
        Skill? claimant = null;
        int claimants = 0;
        for (int i = 0; i < skills.Count; i++)
        {
            SkillKeyMatch match = SkillKey.Match(word, normalized, skills[i].KeyNames);
            if (match == SkillKeyMatch.None || match > best)
                continue;
            if (match < best)
                (best, claimant, claimants) = (match, skills[i], 0);
            claimants++;
        }
        if (claimants == 0)
            return null;
        if (claimants == 1)
            return (claimant!, best);
        if (best != SkillKeyMatch.Flask)
            return null;
        // FLASK's word is shared by two requested skills: only an exact id or name decides.
        Skill? exact = null;
        for (int i = 0; i < skills.Count; i++)
        {
            SkillKey.Names names = skills[i].KeyNames;
            if (SkillKey.Match(word, normalized, names) == SkillKeyMatch.Flask
                && (normalized.SequenceEqual(names.Id) || normalized.SequenceEqual(names.Name)))
            {
                if (exact is not null)
                    return null;
                exact = skills[i];
            }
        }
        return exact is null ? null : (exact, SkillKeyMatch.Own);
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
            if (ScoreDictionary.Parse(candidate) is { } dict && ReadsAsScores(dict, skills))
                return (start, dict);
        }
        return (-1, null);
    }

    private static bool ReadsAsScores(List<DictEntry> dict, IReadOnlyList<Skill> skills)
    {
        foreach (DictEntry entry in dict)
        {
            if (Names(skills, entry.Key) || ScoreValue.IsScoreShaped(entry.Value, entry.Source))
                return true;
        }
        return false;
    }

    /// <summary>
    /// One pass over the review's lines: each skill's feedback (its text from its heading up to the next skill's) and
    /// the scores written as lines, <c>Logical Robustness: 4</c> or a <c>Score: 4</c> line under a skill's heading.
    /// A line counts as a score only when all that follows the label is a score (<see cref="ScoreSource.Line"/>), and
    /// only when it is the judge's own: not quoted (<see cref="IsQuoted"/>), not a line of the response.
    /// </summary>
    /// <returns>Per skill (by its first place in <paramref name="skills"/>): its feedback, null when no line names it;
    /// its score line, null when none.</returns>
    private static (string?[] Feedback, string?[] Scores) ReadLines(ReadOnlySpan<char> body, IReadOnlyList<Skill> skills, string? response, ref ResponseLines? responseLines)
    {
        // The feedback is kept as pieces of the body (a skill's text after its label, and the lines under it), joined
        // into one string per skill at the end: no string per line.
        var pieces = new List<(int Skill, int Start, int Length)>(16);
        var opened = new bool[skills.Count];
        var scores = new string?[skills.Count];
        int current = -1, scoreOwner = -1;
        bool inFence = false, sawText = false, blankAfterText = false;
        foreach (Range range in body.Split('\n'))
        {
            int lineStart = range.Start.GetOffset(body.Length);
            ReadOnlySpan<char> line = body[range].TrimEnd('\r');
            bool fenceLine = IsFence(line);
            ReviewLine read = Classify(line, skills);
            // Whether the response has the line matters only for a line that is more than text, or that may open an
            // overall verdict: for other text, quoted or not reads the same, so it is not looked up.
            bool quoted = inFence || fenceLine || IsQuoted(line)
                || ((read.Skill is not null || read.IsScoreOnly || read.IsOtherHeading || OverallLine().IsMatch(line))
                    && (responseLines ??= new ResponseLines(response)).Contains(line));
            if (fenceLine)
                inFence = !inFence;
            if (quoted)
            {
                // Quoted text is feedback, never a score; a quoted heading or label (or the judge's own heading that
                // the response also has) still ends the claim of the skill before it on a later "Score:" line.
                bool heading = read.Skill is not null || read.IsOtherHeading;
                read = new ReviewLine(null, default, Scored: false, IsScoreOnly: false, IsOtherHeading: heading);
            }
            if (read.Skill is not null)
            {
                current = scoreOwner = IndexOf(skills, read.Skill);
                int textLength = read.Rest.GetOffsetAndLength(line.Length).Length;
                (sawText, blankAfterText) = (textLength > 0, false);
                opened[current] = true;
                if (textLength > 0)
                    pieces.Add((current, lineStart + read.Rest.Start.GetOffset(line.Length), textLength));
                if (read.Scored)
                    scores[current] = line[read.Rest].ToString();
            }
            else if (read.IsScoreOnly)
            {
                // A bare "Score: 4" line is the score of the skill whose heading came last, not feedback; after
                // another heading or label (perhaps a skill not requested), an overall verdict or a new paragraph it
                // is nobody's.
                if (scoreOwner >= 0)
                    scores[scoreOwner] = line[read.Rest].ToString();
            }
            else
            {
                if (line.Trim().IsEmpty)
                    blankAfterText |= sawText;
                else if (read.IsOtherHeading || blankAfterText || (!quoted && OverallLine().IsMatch(line)))
                    scoreOwner = -1;
                else
                    sawText = true;
                if (current >= 0)
                    pieces.Add((current, lineStart, line.Length));
            }
        }

        var feedback = new string?[skills.Count];
        for (int skill = 0; skill < skills.Count; skill++)
        {
            if (opened[skill])
                feedback[skill] = Joined(body, pieces, skill);
        }
        return (feedback, scores);
    }

    /// <summary>A skill's pieces of the body, one per line, trimmed: what <c>string.Join("\n", lines).Trim()</c> gave.</summary>
    private static string Joined(ReadOnlySpan<char> body, List<(int Skill, int Start, int Length)> pieces, int skill)
    {
        // The pieces are disjoint parts of the body, one '\n' between each two: they fit in the body's length plus
        // one per piece.
        char[] buffer = ArrayPool<char>.Shared.Rent(body.Length + pieces.Count);
        int length = 0;
        bool first = true;
        foreach (var (owner, start, count) in pieces)
        {
            if (owner != skill)
                continue;
            if (!first)
                buffer[length++] = '\n';
            first = false;
            body.Slice(start, count).CopyTo(buffer.AsSpan(length));
            length += count;
        }
        string joined = new(buffer.AsSpan(0, length).Trim());
        ArrayPool<char>.Shared.Return(buffer);
        return joined;
    }

    /// <summary>The first place of <paramref name="skill"/> in <paramref name="skills"/> (where its readings are kept).</summary>
    private static int IndexOf(IReadOnlyList<Skill> skills, Skill skill)
    {
        for (int i = 0; i < skills.Count; i++)
        {
            if (skills[i] == skill)
                return i;
        }
        throw new ArgumentException($"{skill.Id} is not a requested skill.", nameof(skill));
    }

    /// <summary><paramref name="part"/> of <paramref name="review"/> as a string: the review itself when it is all of it.</summary>
    private static string Text(string review, ReadOnlySpan<char> part) => part.Length == review.Length ? review : part.ToString();

    /// <summary>A line that opens or closes a quoted block: <c>```</c> (with a language or not) or <c>"""</c> alone.</summary>
    private static bool IsFence(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> trimmed = line.Trim();
        return trimmed.StartsWith("```", StringComparison.Ordinal)
            || (trimmed.StartsWith("\"\"\"", StringComparison.Ordinal) && (trimmed.Length == 3 || !trimmed.EndsWith("\"\"\"", StringComparison.Ordinal)));
    }

    /// <summary>A quoted line: a Markdown quote (<c>&gt; …</c>), or a line wrapped in quotes (<c>"…"</c>, <c>“…”</c>, <c>'…'</c>, <c>«…»</c>, <c>"""…"""</c>).</summary>
    private static bool IsQuoted(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> trimmed = line.Trim();
        if (trimmed.StartsWith('>'))
            return true;
        return trimmed.Length >= 2 && trimmed[0] is '"' or '\'' or '“' or '‘' or '«' && trimmed[^1] is '"' or '\'' or '”' or '’' or '»';
    }

    /// <summary>A line as compared with the response's lines: trimmed, lowercased, white space folded to one space.</summary>
    internal static string Normalize(string line)
    {
        char[] buffer = new char[line.Length];
        return new string(buffer, 0, Normalize(line, buffer));
    }

    /// <summary>
    /// <see cref="Normalize(string)"/> written into <paramref name="destination"/> (at least as long as
    /// <paramref name="line"/>); returns its length. Every line of every response and review goes through here: no
    /// regex, no builder, no string.
    /// </summary>
    internal static int Normalize(ReadOnlySpan<char> line, Span<char> destination)
    {
        // What Regex.Replace(line.Trim(), @"\s+", " ").ToLowerInvariant() gives (.NET's \s is char.IsWhiteSpace).
        // Lowercased first: invariant casing keeps the length and turns no character into white space or out of it,
        // so folding the lowercased text in place gives the same.
        ReadOnlySpan<char> trimmed = line.Trim();
        trimmed.ToLowerInvariant(destination);
        int length = 0;
        bool inSpace = false;
        for (int i = 0; i < trimmed.Length; i++)
        {
            char c = destination[i];
            bool space = char.IsWhiteSpace(c);
            if (!space)
                destination[length++] = c;
            else if (!inSpace)
                destination[length++] = ' ';
            inSpace = space;
        }
        return length;
    }

    /// <summary>What one line of a review is: a skill's heading or labelled line (with its text and score), a bare score, or text.</summary>
    private static ReviewLine Classify(ReadOnlySpan<char> line, IReadOnlyList<Skill> skills)
    {
        // The shapes are found as ranges (ReviewLineShape), not regex groups, and read as spans: every line of every
        // review is classified, and only a kept text or score becomes a string (in ReadLines).
        if (ReviewLineShape.TryLabelled(line, out Range labelRange, out Range restRange))
        {
            ReadOnlySpan<char> label = line[labelRange].Trim();
            Range rest = Trimmed(line, restRange);
            bool scoreShaped = ScoreValue.IsScoreShaped(line[rest], ScoreSource.Line);
            if (Named(skills, label) is { } named)
                return new ReviewLine(named.Skill, rest, scoreShaped, IsScoreOnly: false, IsOtherHeading: false);
            bool scoreLabel = ScoreLabel().IsMatch(label);
            if (scoreShaped && scoreLabel)
                return new ReviewLine(null, rest, Scored: true, IsScoreOnly: true, IsOtherHeading: false);
            if (!scoreLabel)
                return new ReviewLine(null, default, Scored: false, IsScoreOnly: false, IsOtherHeading: true);
        }
        if (ReviewLineShape.TryHeading(line, out Range headingLabel))
        {
            if (Named(skills, line[headingLabel]) is { } headed)
                return new ReviewLine(headed.Skill, default, Scored: false, IsScoreOnly: false, IsOtherHeading: false);
            // A Markdown heading or a bold line: another section begins.
            ReadOnlySpan<char> marked = line.Trim();
            if (marked.StartsWith('#') || marked.StartsWith("**", StringComparison.Ordinal) || marked.EndsWith(':'))
                return new ReviewLine(null, default, Scored: false, IsScoreOnly: false, IsOtherHeading: true);
        }
        return new ReviewLine(null, default, Scored: false, IsScoreOnly: false, IsOtherHeading: false);
    }

    /// <summary><paramref name="range"/> of <paramref name="line"/> without the white space around it (what Trim() takes off).</summary>
    private static Range Trimmed(ReadOnlySpan<char> line, Range range)
    {
        (int start, int length) = range.GetOffsetAndLength(line.Length);
        ReadOnlySpan<char> part = line.Slice(start, length);
        int leading = part.Length - part.TrimStart().Length;
        return (start + leading)..(start + leading + part.Trim().Length);
    }

    /// <summary>
    /// What a line is: a skill's line (<paramref name="Skill"/>) with its text after the label (<paramref name="Rest"/>,
    /// trimmed, empty for a heading), which is also its score when <paramref name="Scored"/>; a bare score line (its
    /// score in <paramref name="Rest"/>); a heading of another section; or text.
    /// </summary>
    private readonly record struct ReviewLine(Skill? Skill, Range Rest, bool Scored, bool IsScoreOnly, bool IsOtherHeading);
}
