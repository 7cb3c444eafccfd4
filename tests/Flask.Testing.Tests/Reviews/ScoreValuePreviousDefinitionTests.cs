using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// A score value was read on strings, with a regex Match and its groups for every value; it is now read on spans, and
/// asking only whether a value is score-shaped (every labelled line of every review asks) uses no Match at all. On
/// generated values, from all three sources, the reading and the shape are exactly what the previous definition, kept
/// here, gave.
/// </summary>
public sealed class ScoreValuePreviousDefinitionTests
{
    private static readonly string[] Pieces =
    [
        "4", "5", "1", "0", "03", "4.5", ".5", "1e0", "E", "e", "+", "-", "(", ")", "0x4", "0o3", "0b1", "/", "/5", " out of ", "10",
        " points", " point", "score", "Score:", "rating=", " ", "\t", "\u00A0", "\n", ".", ",", ";", "'", "\"", "*", "**", "`", "_",
        "N/A", "n/a", "na", "NA", "n.a", "not applicable", "none applicable", "inf", "Infinity", "INF", "nan", "NaN", "-inf", "İ", "K",
        "٣", "x",
    ];

    [Fact]
    public void Generated_values_read_and_shape_as_before()
    {
        var random = new Random(20261132);
        int scored = 0, shaped = 0;
        for (int i = 0; i < 100_000; i++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(10) == 0
                ? ((char)random.Next(0, 0x3000)).ToString()
                : Pieces[random.Next(Pieces.Length)]));
            foreach (ScoreSource source in new[] { ScoreSource.Literal, ScoreSource.String, ScoreSource.Line })
            {
                var expected = Previous.ReadAsFlask(text, source);
                scored += expected.Status == SkillScoreStatus.Scored ? 1 : 0;
                Assert.Equal(expected, ScoreValue.ReadAsFlask(text, source));
                bool shape = Previous.IsScoreShaped(text, source);
                shaped += shape ? 1 : 0;
                Assert.True(shape == ScoreValue.IsScoreShaped(text, source), $"'{text}' ({source}): shaped {shape} before");
            }
        }
        Assert.InRange(scored, 5_000, 250_000);
        Assert.InRange(shaped, 20_000, 280_000);
    }

    /// <summary>ScoreValue's reading before it read spans (its Python literal reading is compared on its own).</summary>
    private static class Previous
    {
        private static readonly Regex NotApplicable = new(@"^(?:n/a|na|n\.a|not\s+applicable|none\s+applicable)[.!,;:]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex FlaskNotApplicable = new(@"^(?:na|n/a|not applicable)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex PythonFloat = new(@"^\s*(?<value>[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex WrittenScore = new(@"^(?:(?:score|rating)\s*[:=]?\s*)?(?<score>[+-]?[0-9]+(?:\.[0-9]+)?)\s*(?:(?:/|out\s+of)\s*(?<scale>[0-9]+(?:\.[0-9]+)?))?\s*(?:points?)?\s*[.,;]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex LeadingZero = new(@"(?<![0-9.])0[0-9]", RegexOptions.CultureInvariant);
        private static readonly char[] QuotesAndEmphasis = ['"', '\'', '*', '`', '_', ' '];

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

        public static bool IsScoreShaped(string text, ScoreSource source) =>
            Parse(text.Trim(), source) is var (notApplicable, score, _, _) && (notApplicable || score is not null);

        private static (bool NotApplicable, double? Score, double? Scale, bool Flask) Parse(string value, ScoreSource source)
        {
            string bare = value.Trim(QuotesAndEmphasis);
            if (NotApplicable.IsMatch(bare))
                return (true, null, null, source == ScoreSource.String && FlaskNotApplicable.IsMatch(value));
            double? score = source switch
            {
                ScoreSource.Literal => ScoreValue.PythonLiteral(value),
                ScoreSource.String => PythonString(value),
                _ => null,
            };
            if (score is not null)
                return (false, score, null, true);
            if (source == ScoreSource.Literal && LeadingZero.IsMatch(value))
                return (false, null, null, false);
            if (WrittenScore.Match(source == ScoreSource.Line ? bare : value) is { Success: true } written)
            {
                return (false, double.Parse(written.Groups["score"].Value, CultureInfo.InvariantCulture),
                    written.Groups["scale"].Success ? double.Parse(written.Groups["scale"].Value, CultureInfo.InvariantCulture) : null, false);
            }
            return (false, null, null, false);
        }

        private static double? PythonString(string value)
        {
            Match number = PythonFloat.Match(value);
            if (!number.Success)
                return null;
            string text = number.Groups["value"].Value.ToLowerInvariant();
            string unsigned = text.TrimStart('+', '-');
            if (unsigned.StartsWith("inf", StringComparison.Ordinal) || unsigned == "nan")
                return double.NaN;
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }
}
