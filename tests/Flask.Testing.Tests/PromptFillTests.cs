using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// <see cref="FlaskPromptTemplate.Fill"/> appends the text between braces in runs: on generated templates it gives what
/// its first definition, one character at a time, gave (the same text, or the same error).
/// </summary>
public sealed class PromptFillTests
{
    private static readonly Dictionary<string, string> Fields = new() { ["a"] = "A{b}", ["b"] = "}}B{{", ["question"] = "Q" };

    /// <summary>The first definition, kept as the oracle.</summary>
    private static string First(string template, IReadOnlyDictionary<string, string> fields)
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

    [Fact]
    public void Generated_templates_fill_as_the_first_definition_filled_them()
    {
        var random = new Random(20261129);
        string[] pieces = ["{{", "}}", "{", "}", "{a}", "{b}", "{question}", "{missing}", "text ", "\n", "[Instruction]", "x"];
        int errors = 0;
        for (int i = 0; i < 20_000; i++)
        {
            string template = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            string expected = Outcome(() => First(template, Fields));
            errors += expected == "error" ? 1 : 0;
            Assert.Equal(expected, Outcome(() => FlaskPromptTemplate.Fill(template, Fields)));
        }
        Assert.InRange(errors, 1, 19_999); // both outcomes were generated
    }
}
