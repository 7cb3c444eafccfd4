using System;
using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>FLASK's prompt templates are Python <c>str.format</c> strings with named fields; this fills them the same way.</summary>
public static class FlaskPromptTemplate
{
    /// <summary>
    /// Fills <paramref name="template"/> in one pass, as Python's <c>str.format</c> does with named fields: text
    /// substituted for one field is never read as another field; <c>{{</c> and <c>}}</c> are literal braces.
    /// </summary>
    /// <exception cref="InvalidOperationException">The template names a field that was not given.</exception>
    public static string Fill(string template, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        // Every judge request fills a prompt of several KB: measure it first (a missing field throws there), then write
        // it straight into a string of that length, with no builder to grow and copy.
        int length = Walk(template, fields, []);
        return string.Create(length, (template, fields), static (prompt, state) =>
        {
            if (Walk(state.template, state.fields, prompt) != prompt.Length)
                throw PromptWriter.Changed();
        });
    }

    /// <summary>
    /// The filled template's length; written into <paramref name="destination"/> as well unless it is empty (when the
    /// length is 0 there is nothing to write either).
    /// </summary>
    private static int Walk(string template, IReadOnlyDictionary<string, string> fields, Span<char> destination)
    {
        var prompt = new PromptWriter(destination);
        for (int i = 0; i < template.Length; i++)
        {
            // The text up to the next brace in one piece: a template is mostly text.
            int brace = template.AsSpan(i).IndexOfAny('{', '}');
            if (brace != 0)
            {
                prompt.Put(template.AsSpan(i, brace < 0 ? template.Length - i : brace));
                if (brace < 0)
                    break;
                i += brace;
            }
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                prompt.Put(template.AsSpan(i, 1));
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i) is var end and > 0)
            {
                prompt.Put(Field(fields, template.AsSpan(i + 1, end - i - 1)));
                i = end;
            }
            else
                prompt.Put(template.AsSpan(i, 1));
        }
        return prompt.Length;
    }

    /// <summary>The value of the field <paramref name="name"/>: looked up by the span where the dictionary allows it, not by a new string.</summary>
    private static string Field(IReadOnlyDictionary<string, string> fields, ReadOnlySpan<char> name)
    {
        bool found = fields is Dictionary<string, string> dictionary && dictionary.TryGetAlternateLookup(out Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup)
            ? lookup.TryGetValue(name, out string? value)
            : fields.TryGetValue(name.ToString(), out value);
        return found ? value! : throw new InvalidOperationException($"The prompt template has a field '{name}' that was not given.");
    }
}
