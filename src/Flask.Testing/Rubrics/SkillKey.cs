// Shared source: compiled into the runtime and into the generator/analyzer, so that a name the analyzer
// accepts at build time is exactly a name the catalog finds at run time.
using System;
using System.Collections.Generic;
using System.Globalization;

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
        // Every key of every review is normalized: the text itself when it is a key already, else one string of the
        // exact length, no builder.
        int kept = 0;
        bool unchanged = true;
        foreach (char c in text)
        {
            if (Ignored(c))
                unchanged = false;
            else
            {
                kept++;
                unchanged &= char.ToLowerInvariant(c) == c;
            }
        }
        if (unchanged)
            return text;
#if NETSTANDARD2_0
        char[] key = new char[kept];
        int length = 0;
        foreach (char c in text)
        {
            if (!Ignored(c))
                key[length++] = char.ToLowerInvariant(c);
        }
        return new string(key);
#else
        return string.Create(kept, text, static (key, text) =>
        {
            int length = 0;
            foreach (char c in text)
            {
                if (!Ignored(c))
                    key[length++] = char.ToLowerInvariant(c);
            }
        });
#endif
    }

    private static bool Ignored(char c) =>
        char.IsWhiteSpace(c) || c == '_' || c == '-' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

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
        // Also compiled into the netstandard2.0 generator, which has no Contains(string, StringComparison).
#if NETSTANDARD2_0
        int word = key.IndexOf("logical", StringComparison.OrdinalIgnoreCase) >= 0 ? 1 : 0;
        if (key.IndexOf('\n') >= 0)
#else
        int word = key.Contains("logical", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        if (key.Contains('\n', StringComparison.Ordinal))
#endif
        {
            // FLASK drops newlines before splitting, which can join two pieces into one word: its steps as written.
            string[] words = string.Concat(key.Split('\n')).Replace('_', ' ').ToLowerInvariant().Split(' ');
            return word < words.Length ? words[word] : string.Empty;
        }
        // Without newlines the word is the piece between separators (' ', and '_' read as one), cut out of the key
        // directly: every key of every review goes through here. Lowercasing makes no separator, so it can come last.
        int start = 0;
        for (int skipped = 0; skipped < word; skipped++)
        {
            int separator = key.IndexOfAny(WordSeparators, start);
            if (separator < 0)
                return string.Empty;
            start = separator + 1;
        }
        int end = key.IndexOfAny(WordSeparators, start);
        return key.Substring(start, (end < 0 ? key.Length : end) - start).ToLowerInvariant();
    }

    private static readonly char[] WordSeparators = [' ', '_'];

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
        // By index: a foreach over the interface would box the list's enumerator on every key a judge writes.
        for (int i = 0; i < skill.Aliases.Count; i++)
        {
            if (key.Normalized == skill.Aliases[i])
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
