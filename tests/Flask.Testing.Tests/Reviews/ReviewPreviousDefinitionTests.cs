using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The review reader's hot path was rewritten with loops and spans instead of LINQ, builders and substrings: on
/// generated inputs each rewritten function gives exactly what its previous definition, kept here, gave.
/// </summary>
public sealed class ReviewPreviousDefinitionTests
{
    private static readonly string[] KeyPieces =
    [
        "Logical", "logical", "LOGICAL", "Robustness", "robustness", "Factuality", "Readability", "of", "User", "Alignment",
        "Conciseness", "Metacognition", "score", " ", "  ", "_", "-", "\n", "\r", "\t", "\u00A0", "\u00AD", "\u200B", "\u2060",
        "İ", "ı", "Σ", "ς", "ẞ", "𐐀", "😀", "\uD801", "x", "(1-5)", ":",
    ];

    private static string Generated(Random random, string[] pieces, int max) =>
        string.Concat(Enumerable.Range(0, random.Next(0, max)).Select(_ => random.Next(5) == 0
            ? ((char)random.Next(0, 0x3000)).ToString()
            : pieces[random.Next(pieces.Length)]));

    [Fact]
    public void Skill_keys_normalize_and_file_under_FLASKs_word_as_before()
    {
        var random = new Random(20261129);
        for (int i = 0; i < 20_000; i++)
        {
            string key = Generated(random, KeyPieces, 8);
            Assert.Equal(Previous.Normalize(key), SkillKey.Normalize(key));
            Assert.Equal(Previous.FlaskWord(key), SkillKey.FlaskWord(key));
        }
        Assert.Equal(string.Empty, SkillKey.Normalize(null));
        Assert.Equal(string.Empty, SkillKey.FlaskWord(null));
    }

    [Fact]
    public void Every_UTF16_unit_in_a_key_normalizes_as_before()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string key = $"Logical{(char)c}Robust{(char)c}ness {(char)c}";
            Assert.Equal(Previous.Normalize(key), SkillKey.Normalize(key));
            Assert.Equal(Previous.FlaskWord(key), SkillKey.FlaskWord(key));
        }
    }

    private static List<Skill> SkillPool()
    {
        ScoringRubric scoring = FlaskSkills.Factuality.Scoring;
        return
        [
            .. FlaskSkills.Catalog,
            // Skills that share FLASK's word with a FLASK skill or each other, and aliases, so every branch is taken.
            new Skill("RobustnessPlus", "Robustness Plus", Ability.LogicalThinking, "c", scoring, ["sturdiness"]),
            new Skill("FactualityStrict", "Factuality Strict", Ability.BackgroundKnowledge, "c", scoring, ["truth", "facts"]),
            new Skill("Facts", "Factuality", Ability.BackgroundKnowledge, "c", scoring),
            new Skill("Plain", "Plain", Ability.ProblemHandling, "c", scoring, ["readability", "logical robustness"]),
        ];
    }

    [Fact]
    public void A_judges_key_names_the_skill_it_named_before()
    {
        var random = new Random(7);
        List<Skill> pool = SkillPool();
        string[] keys = [.. pool.SelectMany(s => new[] { s.Id, s.Name }.Concat(s.Aliases)), .. KeyPieces];
        int named = 0;
        for (int i = 0; i < 20_000; i++)
        {
            Skill[] skills = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => pool[random.Next(pool.Count)]).Distinct()];
            Skill own = skills[random.Next(skills.Length)];
            string[] ownKeys = [own.Id, own.Name, .. own.Aliases];
            string key = random.Next(3) switch
            {
                0 => Generated(random, KeyPieces, 5),
                1 => Mangle(random, keys[random.Next(keys.Length)]),
                _ => Mangle(random, ownKeys[random.Next(ownKeys.Length)]),
            };
            var expected = Previous.Named(skills, key);
            named += expected is null ? 0 : 1;
            Assert.Equal(expected, ReviewParser.Named(skills, key));
        }
        Assert.InRange(named, 5_000, 18_000);
    }

    private static string Mangle(Random random, string key) => random.Next(4) switch
    {
        0 => key.ToUpperInvariant(),
        1 => key.Replace(' ', '_'),
        2 => key + " score",
        _ => key,
    };

    private static readonly string[] Values =
    [
        "4", "4.0", "5", "1", "3e0", "+2", "(5)", "0x4", "0o3", "0b11", "03", "6", "0", "-1", "4/5", "4 out of 5", "4 points",
        "3/10", "N/A", "n/a", "NA", "not applicable", "five", "", "nan", "inf", " 4 ", "4.5", ".5e1",
    ];

    [Fact]
    public void A_skills_keys_read_as_before()
    {
        var random = new Random(11);
        Skill skill = FlaskSkills.Factuality;
        var statuses = new HashSet<SkillScoreStatus>();
        for (int i = 0; i < 20_000; i++)
        {
            DictEntry[] keys = [.. Enumerable.Range(0, random.Next(1, 4)).Select(n => new DictEntry($"Factuality{n}", Values[random.Next(Values.Length)], random.Next(2) == 0))];
            SkillReading expected = Previous.FromDict(skill, keys, "feedback");
            statuses.Add(expected.Status);
            Assert.Equal(expected, ReviewParser.FromDict(skill, keys, "feedback"));
        }
        Assert.Equal(3, statuses.Count);
    }

    [Fact]
    public void A_repeated_key_keeps_its_place_and_its_last_value_as_before()
    {
        var random = new Random(13);
        string[] keys = ["Factuality", "factuality", "FACTUALITY", "Readability", "readability", "İ", "i", "ı", "I", "Σ", "σ"];
        for (int i = 0; i < 10_000; i++)
        {
            List<DictEntry> dict = [.. Enumerable.Range(0, random.Next(0, 7)).Select(n => new DictEntry(keys[random.Next(keys.Length)], n.ToString(CultureInfo.InvariantCulture), false))];
            Assert.Equal(Previous.Deduplicate(dict), ReviewParser.Deduplicate(dict));
        }
    }

    [Fact]
    public void Python_literals_read_as_before()
    {
        var random = new Random(17);
        string[] pieces = ["(", ")", "+", "-", " ", "0", "1", "4", "5", "9", ".", "e", "E", "x", "X", "o", "O", "b", "B", "f", "a", "F", "7", "_", "\t", "\u00A0"];
        int numbers = 0;
        for (int i = 0; i < 50_000; i++)
        {
            string value = string.Concat(Enumerable.Range(0, random.Next(0, 9)).Select(_ => pieces[random.Next(pieces.Length)]));
            double? expected = Previous.PythonLiteral(value);
            numbers += expected is null ? 0 : 1;
            Assert.Equal(expected, ScoreValue.PythonLiteral(value));
        }
        Assert.InRange(numbers, 2_000, 48_000);
    }

    [Fact]
    public void A_review_line_is_a_line_of_the_response_as_before()
    {
        var random = new Random(19);
        string[] pieces = ["Conciseness: 5", "Score: 4", " ", "\t", "\r", "\n", "\n", "\u00A0", "\u2028", "ÉCOLE", "İ", "Σ", "𐐀", "> ", "**", "x"];
        int found = 0;
        for (int i = 0; i < 3_000; i++)
        {
            string? response = random.Next(10) == 0 ? null : Generated(random, pieces, 30);
            HashSet<string> expected = Previous.ResponseLines(response);
            var actual = new ResponseLines(response);
            string[] lines = [.. (response ?? string.Empty).Split('\n'), .. Enumerable.Range(0, 5).Select(_ => Generated(random, pieces, 6))];
            foreach (string line in lines)
            {
                bool contained = expected.Contains(Previous.NormalizeLine(line));
                found += contained ? 1 : 0;
                Assert.Equal(contained, actual.Contains(line));
            }
        }
        Assert.True(found > 1_000, $"only {found} lines found");
    }

    /// <summary>The definitions before the allocation work, kept as the oracle.</summary>
    private static class Previous
    {
        public static string Normalize(string? text)
        {
            if (text is null)
                return string.Empty;
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c == '_' || c == '-' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                    continue;
                builder.Append(char.ToLowerInvariant(c));
            }
            return builder.ToString();
        }

        public static string FlaskWord(string? key)
        {
            if (key is null)
                return string.Empty;
            string[] words = string.Concat(key.Split('\n')).Replace('_', ' ').ToLowerInvariant().Split(' ');
            if (key.Contains("logical", StringComparison.OrdinalIgnoreCase))
                return words.Length > 1 ? words[1] : string.Empty;
            return words[0];
        }

        public static (Skill Skill, SkillKeyMatch Match)? Named(IReadOnlyList<Skill> skills, string key)
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
            var exact = claimants.Where(m => written.Normalized == m.Skill.KeyNames.Id || written.Normalized == m.Skill.KeyNames.Name).ToArray();
            return exact.Length == 1 ? (exact[0].Skill, SkillKeyMatch.Own) : null;
        }

        public static SkillReading FromDict(Skill skill, DictEntry[] keys, string feedback)
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

        public static List<DictEntry> Deduplicate(List<DictEntry> dict) =>
            [.. dict.GroupBy(e => e.Key.ToLowerInvariant(), StringComparer.Ordinal).Select(g => g.Last())];

        private static readonly Regex PythonNumber = new(@"^(?:(?<hex>0[xX][0-9a-fA-F]+)|(?<oct>0[oO][0-7]+)|(?<bin>0[bB][01]+)|(?<dec>(?:0+|[1-9][0-9]*)(?![.eE0-9]))|(?<float>(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+))$", RegexOptions.CultureInvariant);

        public static double? PythonLiteral(string value)
        {
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
            Match number = PythonNumber.Match(value);
            if (!number.Success)
                return null;
            if (number.Groups["float"].Success)
                return sign * double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            (string digits, int radix) = number.Groups["hex"].Success ? (value[2..], 16)
                : number.Groups["oct"].Success ? (value[2..], 8)
                : number.Groups["bin"].Success ? (value[2..], 2)
                : (value, 10);
            double result = 0;
            foreach (char c in digits)
                result = result * radix + Convert.ToInt32(c.ToString(), 16);
            return sign * result;
        }

        public static string NormalizeLine(string line) => Regex.Replace(line.Trim(), @"\s+", " ").ToLowerInvariant();

        public static HashSet<string> ResponseLines(string? response) =>
            response is null ? [] : [.. response.Split('\n').Select(NormalizeLine).Where(l => l.Length > 0)];
    }
}
