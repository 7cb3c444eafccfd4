using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

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
        var result = new StringBuilder(template.Length + fields.Values.Sum(v => v.Length));
        for (int i = 0; i < template.Length; i++)
        {
            // The text up to the next brace in one append: a template is mostly text.
            int brace = template.AsSpan(i).IndexOfAny('{', '}');
            if (brace != 0)
            {
                result.Append(template.AsSpan(i, brace < 0 ? template.Length - i : brace));
                if (brace < 0)
                    break;
                i += brace;
            }
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                result.Append(c);
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i) is var end and > 0)
            {
                string name = template.Substring(i + 1, end - i - 1);
                result.Append(fields.TryGetValue(name, out string? value)
                    ? value
                    : throw new InvalidOperationException($"The prompt template has a field '{name}' that was not given."));
                i = end;
            }
            else
                result.Append(c);
        }
        return result.ToString();
    }
}
