using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// <see cref="FlaskPromptTemplate.Fill"/> copies the text between braces in runs into a string of the exact length, and
/// looks fields up by span: on generated templates it gives what its first definition, one character at a time, gave
/// (the same text, or the same error).
/// </summary>
public sealed class PromptFillTests
{
    private static readonly Dictionary<string, string> Fields = new() { ["a"] = "A{b}", ["b"] = "}}B{{", ["question"] = "Q" };

    /// <summary>The first definition, kept as the oracle (also of <see cref="PromptBuildTests"/>).</summary>
    internal static string First(string template, IReadOnlyDictionary<string, string> fields)
    {
        var result = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                result.Append(c);
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i) is var end and > 0)
            {
                string name = template.Substring(i + 1, end - i - 1);
                result.Append(fields.TryGetValue(name, out string? value) ? value : throw new InvalidOperationException(name));
                i = end;
            }
            else
                result.Append(c);
        }
        return result.ToString();
    }

    private static string Outcome(Func<string> fill)
    {
        try
        {
            return "text: " + fill();
        }
        catch (InvalidOperationException)
        {
            return "error";
        }
    }

    /// <summary>
    /// The fields as a plain dictionary (looked up by span), as another read-only dictionary (looked up by string) and
    /// with a comparer of the caller's (which decides, as before).
    /// </summary>
    public static TheoryData<string> Kinds => ["dictionary", "read-only", "ignore-case"];

    private static IReadOnlyDictionary<string, string> FieldsAs(string kind) => kind switch
    {
        "dictionary" => Fields,
        "read-only" => new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(Fields),
        _ => new Dictionary<string, string>(Fields, StringComparer.OrdinalIgnoreCase),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generated_templates_fill_as_the_first_definition_filled_them(string kind)
    {
        IReadOnlyDictionary<string, string> fields = FieldsAs(kind);
        var random = new Random(20261129);
        string[] pieces = ["{{", "}}", "{", "}", "{a}", "{b}", "{question}", "{QUESTION}", "{missing}", "text ", "\n", "[Instruction]", "x", "😀"];
        int errors = 0;
        for (int i = 0; i < 20_000; i++)
        {
            string template = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            string expected = Outcome(() => First(template, fields));
            errors += expected == "error" ? 1 : 0;
            Assert.Equal(expected, Outcome(() => FlaskPromptTemplate.Fill(template, fields)));
        }
        Assert.InRange(errors, 1, 19_999); // both outcomes were generated
    }

    [Fact]
    public void A_field_that_changes_while_the_prompt_is_written_is_an_error_not_a_cut_or_padded_prompt()
    {
        // The prompt is measured, then written: a value read differently the second time (another thread, a value
        // computed on each read) must not leave NUL characters or a cut-off prompt.
        Assert.Throws<InvalidOperationException>(() => FlaskPromptTemplate.Fill("a {x} b", new Shifting(["long value", "short"])));
        Assert.Throws<InvalidOperationException>(() => FlaskPromptTemplate.Fill("a {x} b", new Shifting(["short", "long value"])));
        Assert.Equal("a same b", FlaskPromptTemplate.Fill("a {x} b", new Shifting(["same", "same"])));
    }

    /// <summary>A dictionary whose one field reads as the next of <c>values</c> each time it is read.</summary>
    private sealed class Shifting(string[] values) : IReadOnlyDictionary<string, string>
    {
        private int _reads;

        public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => ["x"];

        public IEnumerable<string> Values => [values[0]];

        public int Count => 1;

        public bool ContainsKey(string key) => key == "x";

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
        {
            value = key == "x" ? values[Math.Min(_reads++, values.Length - 1)] : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => new List<KeyValuePair<string, string>> { new("x", values[0]) }.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
