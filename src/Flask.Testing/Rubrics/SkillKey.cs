// Shared source: compiled into the runtime and into the generator/analyzer, so that a name the analyzer
// accepts at build time is exactly a name the catalog finds at run time.
using System;
using System.Collections.Generic;
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

    /// <summary>
    /// The word FLASK's aggregation files a score-dictionary key under: the key lowercased, <c>_</c> read as a space,
    /// split on single spaces, then its first word, or its second when the key contains <c>logical</c> (so
    /// <c>Logical Robustness</c> is <c>robustness</c> and <c>Readability of User Alignment</c> is <c>readability</c>).
    /// Empty when FLASK files it under no word (a <c>logical</c> key of one word).
    /// </summary>
    public static string FlaskWord(string? key)
    {
        if (key is null)
            return string.Empty;
        // Also compiled into the netstandard2.0 generator, which has no Replace(string, string, StringComparison).
        string[] words = string.Concat(key.Split('\n')).Replace('_', ' ').ToLowerInvariant().Split(' ');
#if NETSTANDARD2_0
        if (key.IndexOf("logical", StringComparison.OrdinalIgnoreCase) >= 0)
#else
        if (key.Contains("logical", StringComparison.OrdinalIgnoreCase))
#endif
            return words.Length > 1 ? words[1] : string.Empty;
        return words[0];
    }

    /// <summary>
    /// How a judge's key names a skill, best first: <see cref="SkillKeyMatch.Flask"/> when FLASK reads it as the skill
    /// (same <see cref="FlaskWord"/> as the skill's name), else <see cref="SkillKeyMatch.Own"/> when it is the skill's
    /// id or name written another way, else <see cref="SkillKeyMatch.Alias"/>, else <see cref="SkillKeyMatch.None"/>.
    /// </summary>
    public static SkillKeyMatch Match(string key, string id, string name, IEnumerable<string> aliases) =>
        Match(new Written(key), new Names(id, name, aliases));

    /// <summary><see cref="Match(string, string, string, IEnumerable{string})"/> with both sides' forms computed once.</summary>
    public static SkillKeyMatch Match(Written key, Names skill)
    {
        if (key.Word.Length > 0 && key.Word == skill.NameWord)
            return SkillKeyMatch.Flask;
        if (key.Normalized.Length == 0)
            return SkillKeyMatch.None;
        if (key.Normalized == skill.Id || key.Normalized == skill.Name)
            return SkillKeyMatch.Own;
        foreach (string alias in skill.Aliases)
        {
            if (key.Normalized == alias)
                return SkillKeyMatch.Alias;
        }
        return SkillKeyMatch.None;
    }

    /// <summary>A key a judge wrote, in the forms <see cref="Match(Written, Names)"/> compares.</summary>
    public readonly struct Written
    {
        /// <summary>Computes the forms of <paramref name="key"/>.</summary>
        public Written(string key)
        {
            Word = FlaskWord(key);
            Normalized = Normalize(key);
        }

        /// <summary>The key's <see cref="FlaskWord"/>.</summary>
        public string Word { get; }

        /// <summary>The key <see cref="Normalize"/>d.</summary>
        public string Normalized { get; }
    }

    /// <summary>
    /// A skill's id, name and aliases in the forms <see cref="Match(Written, Names)"/> compares: a review is read
    /// against the same skills many times, so they are computed once per skill, not once per key.
    /// </summary>
    public sealed class Names
    {
        /// <summary>Computes the forms of a skill's id, name and aliases.</summary>
        public Names(string id, string name, IEnumerable<string> aliases)
        {
            NameWord = FlaskWord(name);
            Id = Normalize(id);
            Name = Normalize(name);
            var normalized = new List<string>();
            foreach (string alias in aliases)
                normalized.Add(Normalize(alias));
            Aliases = normalized;
        }

        /// <summary>The name's <see cref="FlaskWord"/>.</summary>
        public string NameWord { get; }

        /// <summary>The id <see cref="Normalize"/>d.</summary>
        public string Id { get; }

        /// <summary>The name <see cref="Normalize"/>d.</summary>
        public string Name { get; }

        /// <summary>The aliases <see cref="Normalize"/>d, in order.</summary>
        public IReadOnlyList<string> Aliases { get; }
    }
}

/// <summary>How a key a judge wrote names a skill (<see cref="SkillKey.Match(SkillKey.Written, SkillKey.Names)"/>); lower values win.</summary>
internal enum SkillKeyMatch
{
    /// <summary>FLASK reads the key as the skill: its first word (second for "Logical …") is the skill's.</summary>
    Flask,

    /// <summary>The skill's id or display name written another way (case, spaces, <c>_</c>, <c>-</c>).</summary>
    Own,

    /// <summary>One of the skill's aliases: used only when the judge wrote no key of the skill's own.</summary>
    Alias,

    /// <summary>Not this skill.</summary>
    None,
}
