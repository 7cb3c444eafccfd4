using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Flask.Testing;

/// <summary>
/// Reads one score as judges write it. In a score dictionary: what FLASK reads (a Python number literal, or a string
/// Python's <c>float()</c> reads), then <c>4/5</c>, <c>4 out of 5</c> and <c>4 points</c>. On a review line: only a
/// line that is nothing but a score (<c>4</c>, <c>4/5</c>, <c>4 out of 5</c>, <c>Score: 4</c>). N/A is a whole token.
/// </summary>
internal static partial class ScoreValue
{
    // FLASK's words for "does not apply" (na, n/a, not applicable), plus n.a. and NA: the whole value, ignoring case,
    // quotes and emphasis, with trailing punctuation allowed ('n/a.'); never a prefix of a word ("Naturally").
    [GeneratedRegex(@"^(?:n/a|na|n\.a|not\s+applicable|none\s+applicable)[.!,;:]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotApplicable();

    // FLASK's own N/A: the string value is exactly one of these, ignoring case.
    [GeneratedRegex(@"^(?:na|n/a|not applicable)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlaskNotApplicable();

    // ast.literal_eval's numbers (after signs and parentheses are taken off): decimal, float, hex, octal, binary.
    [GeneratedRegex(@"^(?:(?<hex>0[xX][0-9a-fA-F]+)|(?<oct>0[oO][0-7]+)|(?<bin>0[bB][01]+)|(?<dec>(?:0+|[1-9][0-9]*)(?![.eE0-9]))|(?<float>(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex PythonNumber();

    // Python's float() of a string: surrounding white space, a sign, digits with a point and exponent, inf, nan.
    [GeneratedRegex(@"^\s*(?<value>[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PythonFloat();

    // What judges write beyond FLASK: 4, 4.5, 4/5, 4 out of 5, 4 points, with a closing period; on a line also "Score: 4".
    [GeneratedRegex(@"^(?:(?:score|rating)\s*[:=]?\s*)?(?<score>[+-]?[0-9]+(?:\.[0-9]+)?)\s*(?:(?:/|out\s+of)\s*(?<scale>[0-9]+(?:\.[0-9]+)?))?\s*(?:points?)?\s*[.,;]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenScore();

    // A decimal integer with a leading zero (03): Python 3's literal_eval refuses it, so FLASK reads no score.
    [GeneratedRegex(@"(?<![0-9.])0[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingZero();

    /// <summary>The reading of <paramref name="text"/>: a score, N/A, or an error saying why it is unusable.</summary>
    public static (SkillScoreStatus Status, double? Score, string? Error) Read(string text, ScoreSource source)
    {
        var (status, score, error, _) = ReadAsFlask(text, source);
        return (status, score, error);
    }

    /// <summary>
    /// <see cref="Read"/>, and whether FLASK reads the value too (a Python number, or a string <c>float()</c> reads),
    /// rather than only the spellings beyond FLASK (<c>4/5</c>, <c>4 out of 5</c>, <c>4 points</c>).
    /// </summary>
    public static (SkillScoreStatus Status, double? Score, string? Error, bool Flask) ReadAsFlask(string text, ScoreSource source)
    {
        string value = text.Trim();
        (bool notApplicable, double? score, double? scale, bool flask) = Parse(value, source);
        if (notApplicable)
            return (SkillScoreStatus.NotApplicable, null, null, flask);
        if (score is not { } number)
            return (SkillScoreStatus.JudgeError, null, $"the judge's score '{value}' is not a number from 1 to 5", false);
        if (scale is { } s && s != ScoringRubric.MaxScore)
            return (SkillScoreStatus.JudgeError, null, $"the judge scored '{value}', not on the 1 to 5 scale", false);
        if (!(number >= ScoringRubric.MinScore && number <= ScoringRubric.MaxScore))
            return (SkillScoreStatus.JudgeError, null, $"the judge's score {number.ToString(CultureInfo.InvariantCulture)} is outside 1..5", flask);
        return (SkillScoreStatus.Scored, number, null, flask);
    }

    /// <summary>Whether <paramref name="text"/> is written as a score or N/A, even one outside 1..5 or on another scale.</summary>
    public static bool IsScoreShaped(ReadOnlySpan<char> text, ScoreSource source) =>
        Parse(text.Trim(), source, shapeOnly: true) is var (notApplicable, score, _, _) && (notApplicable || score is not null);

    // One array for every value read, not one per call.
    private static readonly char[] QuotesAndEmphasis = ['"', '\'', '*', '`', '_', ' '];

    /// <summary>
    /// The reading of a trimmed value. With <paramref name="shapeOnly"/> (<see cref="IsScoreShaped"/>, asked of every
    /// labelled line of every review) a value only judges write is not read: its score is NaN, "a score", and the
    /// regex only says yes or no, without a Match and its groups.
    /// </summary>
    private static (bool NotApplicable, double? Score, double? Scale, bool Flask) Parse(ReadOnlySpan<char> value, ScoreSource source, bool shapeOnly = false)
    {
        ReadOnlySpan<char> bare = value.Trim(QuotesAndEmphasis);
        if (NotApplicable().IsMatch(bare))
            return (true, null, null, source == ScoreSource.String && FlaskNotApplicable().IsMatch(value));
        double? score = source switch
        {
            ScoreSource.Literal => PythonLiteral(value),
            ScoreSource.String => PythonString(value),
            _ => null,
        };
        if (score is not null)
            return (false, score, null, true);
        if (source == ScoreSource.Literal && LeadingZero().IsMatch(value))
            return (false, null, null, false);
        ReadOnlySpan<char> written = source == ScoreSource.Line ? bare : value;
        if (shapeOnly)
            return (false, WrittenScore().IsMatch(written) ? double.NaN : null, null, false);
        if (WrittenScore().Match(written.ToString()) is { Success: true } match)
        {
            return (false, double.Parse(match.Groups["score"].ValueSpan, CultureInfo.InvariantCulture),
                match.Groups["scale"].Success ? double.Parse(match.Groups["scale"].ValueSpan, CultureInfo.InvariantCulture) : null, false);
        }
        return (false, null, null, false);
    }

    /// <summary>A number as <c>ast.literal_eval</c> reads an unquoted value: parentheses and one sign around a number literal.</summary>
    internal static double? PythonLiteral(ReadOnlySpan<char> text)
    {
        // Spans, not substrings, and the regex only to say yes or no: every unquoted dict value comes through here.
        ReadOnlySpan<char> value = text;
        int sign = 1;
        bool signed = false;
        while (true)
        {
            value = value.Trim();
            if (value.Length >= 2 && value[0] == '(' && value[^1] == ')')
                value = value[1..^1];
            else if (!signed && value.Length > 1 && value[0] is '+' or '-')
            {
                signed = true;
                sign = value[0] == '-' ? -1 : 1;
                value = value[1..];
            }
            else
                break;
        }
        if (!PythonNumber().IsMatch(value))
            return null;
        // Which of the regex's kinds matched: a prefix names hex, octal and binary; of the rest, only a float has a
        // point or an exponent.
        int radix = value switch
        {
            ['0', 'x' or 'X', ..] => 16,
            ['0', 'o' or 'O', ..] => 8,
            ['0', 'b' or 'B', ..] => 2,
            _ when value.IndexOfAny('.', 'e', 'E') < 0 => 10,
            _ => 0,
        };
        if (radix == 0)
            return sign * double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        double result = 0;
        foreach (char c in radix == 10 ? value : value[2..])
            result = result * radix + (char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
        return sign * result;
    }

    /// <summary>A number as Python's <c>float()</c> reads a string value.</summary>
    private static double? PythonString(ReadOnlySpan<char> value)
    {
        if (!PythonFloat().IsMatch(value))
            return null;
        // The regex's value group without a Match: it is all but the white space around it (its `\s` is what Trim
        // trims), and its letters are ASCII (inf, infinity, nan in any case), so comparing them ignoring case is
        // what lowercasing them first did.
        ReadOnlySpan<char> text = value.Trim();
        ReadOnlySpan<char> unsigned = text.TrimStart("+-");
        if (unsigned.StartsWith("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
            return double.NaN; // never in 1..5: an error like any other out-of-range score
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
