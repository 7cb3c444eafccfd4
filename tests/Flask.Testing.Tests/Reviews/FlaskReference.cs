using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Flask.Testing.Tests;

/// <summary>
/// The oracle: FLASK's own reading of a review, written from FLASK's code and README independently of the runtime.
/// <c>parse_score</c> (gpt_review/gpt4_eval.py): the last match of <c>{[^}]+}</c>, newlines removed, <c>_</c> as a
/// space, lowercased, <c>ast.literal_eval</c>; the values <c>na</c>, <c>n/a</c>, <c>not applicable</c> become N/A.
/// Aggregation (gpt_review/aggregate_skill.py): a key counts for its first word, or its second when it contains
/// <c>logical</c>; N/A is skipped; any other value counts as <c>float(value)</c>, and a value float() refuses is skipped.
/// </summary>
internal static class FlaskReference
{
    /// <summary>What FLASK makes of one key: N/A, a number, or nothing (float() refused it, or the key is not text).</summary>
    internal sealed record Entry(string Key, string? Word, bool NotApplicable, double? Number, bool FromBool);

    /// <summary>FLASK's dictionary for <paramref name="review"/>, or empty when FLASK reads none.</summary>
    public static IReadOnlyList<Entry> Read(string review)
    {
        string? last = null;
        for (int i = 0; i < review.Length; i++)
        {
            if (review[i] != '{')
                continue;
            int close = review.IndexOf('}', i + 1);
            if (close < 0)
                break;
            if (close == i + 1)
                continue;
            last = review.Substring(i, close - i + 1);
            i = close;
        }
        if (last is null)
            return [];
        string text = last.Replace("\n", string.Empty).Replace('_', ' ').ToLowerInvariant();
        object? value;
        try
        {
            var parser = new PythonLiteral(text);
            value = parser.ParseAll();
        }
        catch (FormatException)
        {
            return [];
        }
        if (value is not List<KeyValuePair<object, object?>> dict)
            return [];
        // A Python dict keeps one entry per key, with the last value.
        var entries = new List<Entry>();
        foreach (var group in dict.GroupBy(p => p.Key, PythonLiteral.KeyComparer))
        {
            (object key, object? v) = (group.Key, group.Last().Value);
            if (key is not string name)
                continue; // key.split fails in FLASK's aggregation
            string? word = name.Contains("logical", StringComparison.Ordinal)
                ? (name.Split(' ') is { Length: > 1 } words ? words[1] : null)
                : name.Split(' ')[0];
            bool na = v is string s && (s == "na" || s == "n/a" || s == "not applicable");
            entries.Add(new Entry(name, word, na, na ? null : Float(v), v is bool));
        }
        return entries;
    }

    /// <summary>FLASK's reading of <paramref name="skill"/>: the entries filed under its word.</summary>
    public static IReadOnlyList<Entry> For(IReadOnlyList<Entry> entries, Skill skill)
    {
        string name = skill.Name.ToLowerInvariant();
        string word = name.Contains("logical", StringComparison.Ordinal) ? name.Split(' ')[1] : name.Split(' ')[0];
        return [.. entries.Where(e => e.Word == word)];
    }

    /// <summary>
    /// The valid score FLASK reads for the skill: every number filed under it is the same and in 1..5 (FLASK averages
    /// them). Booleans are left out: FLASK would read True as 1.0, the runtime refuses them (docs/judge.md).
    /// </summary>
    public static double? ValidScore(IReadOnlyList<Entry> forSkill)
    {
        var numbers = forSkill.Where(e => e.Number is not null).ToArray();
        if (numbers.Length == 0 || numbers.Any(e => e.FromBool))
            return null;
        double first = numbers[0].Number!.Value;
        return numbers.All(e => e.Number == first) && first >= 1 && first <= 5 ? first : null;
    }

    /// <summary>Whether FLASK reads only N/A for the skill.</summary>
    public static bool OnlyNotApplicable(IReadOnlyList<Entry> forSkill) => forSkill.Count > 0 && forSkill.All(e => e.NotApplicable);

    /// <summary>Python's float() of a literal_eval value.</summary>
    private static double? Float(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        double d => d,
        string s => FloatOfString(s),
        _ => null,
    };

    private static double? FloatOfString(string s)
    {
        string t = s.Trim();
        if (Regex.IsMatch(t, @"^[+-]?(?:inf|infinity)$", RegexOptions.IgnoreCase))
            return t.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        if (Regex.IsMatch(t, @"^[+-]?nan$", RegexOptions.IgnoreCase))
            return double.NaN;
        if (!Regex.IsMatch(t, @"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"))
            return null;
        return double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A small <c>ast.literal_eval</c>: dicts, lists, tuples, strings, numbers, signs, True/False/None.</summary>
    private sealed class PythonLiteral(string text)
    {
        public static readonly IEqualityComparer<object> KeyComparer = new PythonKeyComparer();
        private int _i;

        public object? ParseAll()
        {
            Space();
            object? value = Value();
            Space();
            if (_i != text.Length)
                throw new FormatException("trailing text");
            return value;
        }

        private object? Value(bool allowSign = true)
        {
            Space();
            if (_i >= text.Length)
                throw new FormatException("end");
            char c = text[_i];
            if (c == '{')
                return Dict();
            if (c == '[')
                return Sequence('[', ']');
            if (c == '(')
            {
                int save = _i;
                _i++;
                Space();
                if (Peek(')'))
                {
                    _i++;
                    return new List<object?>();
                }
                object? inner = Value(allowSign);
                Space();
                if (Peek(')'))
                {
                    _i++;
                    return inner; // parentheses only group
                }
                _i = save;
                return Sequence('(', ')');
            }
            if (c is '+' or '-')
            {
                if (!allowSign)
                    throw new FormatException("two signs");
                _i++;
                Space();
                object? operand = Value(allowSign: false);
                // literal_eval allows a sign only directly on a number (parentheses are not nodes).
                return operand switch
                {
                    long l when !(operand is bool) => c == '-' ? -l : l,
                    double d => c == '-' ? -d : d,
                    _ => throw new FormatException("sign"),
                };
            }
            if (c is '\'' or '"' || (char.IsLetter(c) && StringPrefix()))
                return Strings();
            if (char.IsDigit(c) || c == '.')
                return Number();
            string name = Name();
            return name switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                _ => throw new FormatException("name"),
            };
        }

        private bool StringPrefix()
        {
            int j = _i;
            while (j < text.Length && j - _i < 2 && "uUrRbB".Contains(text[j]))
                j++;
            return j > _i && j < text.Length && text[j] is '\'' or '"';
        }

        private List<KeyValuePair<object, object?>> Dict()
        {
            _i++;
            var pairs = new List<KeyValuePair<object, object?>>();
            while (true)
            {
                Space();
                if (Peek('}'))
                {
                    _i++;
                    return pairs;
                }
                object key = Value() ?? "None";
                if (key is List<object?> or List<KeyValuePair<object, object?>>)
                    throw new FormatException("unhashable");
                Space();
                Expect(':');
                object? value = Value();
                pairs.Add(new(key, value));
                Space();
                if (Peek(','))
                    _i++;
                else if (!Peek('}'))
                    throw new FormatException("dict");
            }
        }

        private List<object?> Sequence(char open, char close)
        {
            Expect(open);
            var items = new List<object?>();
            while (true)
            {
                Space();
                if (Peek(close))
                {
                    _i++;
                    return items;
                }
                items.Add(Value());
                Space();
                if (Peek(','))
                    _i++;
                else if (!Peek(close))
                    throw new FormatException("sequence");
            }
        }

        private string Strings()
        {
            var all = new StringBuilder();
            do
            {
                while (char.IsLetter(text[_i]))
                    _i++;
                char quote = text[_i++];
                while (true)
                {
                    if (_i >= text.Length)
                        throw new FormatException("string");
                    char c = text[_i++];
                    if (c == quote)
                        break;
                    if (c == '\\')
                    {
                        char e = text[_i++];
                        all.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
                    }
                    else
                        all.Append(c);
                }
                Space();
            }
            while (_i < text.Length && (text[_i] is '\'' or '"' || StringPrefix()));
            return all.ToString();
        }

        private object Number()
        {
            Match m = Regex.Match(text[_i..], @"^(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+|[0-9]+)(?![0-9A-Za-z_.])");
            if (!m.Success)
                throw new FormatException("number");
            _i += m.Length;
            string t = m.Value;
            if (t.Length > 2 && t[0] == '0' && char.IsLetter(t[1]))
                return Convert.ToInt64(t[2..], char.ToLowerInvariant(t[1]) switch { 'x' => 16, 'o' => 8, _ => 2 });
            if (Regex.IsMatch(t, "^[0-9]+$"))
            {
                if (t.Length > 1 && t[0] == '0' && t.Any(ch => ch != '0'))
                    throw new FormatException("leading zero");
                return long.Parse(t, CultureInfo.InvariantCulture);
            }
            return double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private string Name()
        {
            int start = _i;
            while (_i < text.Length && (char.IsLetterOrDigit(text[_i]) || text[_i] == '_'))
                _i++;
            if (_i == start)
                throw new FormatException("unexpected");
            return text[start.._i];
        }

        private void Space()
        {
            while (_i < text.Length && text[_i] is ' ' or '\t' or '\r' or '\f')
                _i++;
        }

        private bool Peek(char c) => _i < text.Length && text[_i] == c;

        private void Expect(char c)
        {
            if (!Peek(c))
                throw new FormatException($"expected {c}");
            _i++;
        }

        private sealed class PythonKeyComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) => (x, y) switch
            {
                (string a, string b) => a == b,
                (long or double or bool, long or double or bool) => Convert.ToDouble(x, CultureInfo.InvariantCulture) == Convert.ToDouble(y, CultureInfo.InvariantCulture),
                _ => object.Equals(x, y),
            };

            public int GetHashCode(object obj) => obj is long or double or bool ? Convert.ToDouble(obj, CultureInfo.InvariantCulture).GetHashCode() : obj.GetHashCode();
        }
    }
}
