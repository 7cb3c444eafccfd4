// Shared source: compiled into the runtime and into the generator/analyzer, so that a name the analyzer
// accepts at build time is exactly a name the catalog finds at run time.
using System.Globalization;
using System.Text;

namespace Flask.Testing;

/// <summary>
/// How skill ids, names and aliases are matched: case, white space, <c>_</c>, <c>-</c> and invisible formatting
/// characters (soft hyphen, zero-width space and joiners, which C# also ignores in identifiers) do not count.
/// </summary>
internal static class SkillKey
{
    /// <summary>The lookup key of a skill id, name or alias: <c>Logical_Robustness</c> and <c>logical robustness</c> give the same key.</summary>
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
}
