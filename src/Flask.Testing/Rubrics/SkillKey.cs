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

#if !NETSTANDARD2_0
    /// <summary>
    /// <see cref="Normalize(string)"/> written into <paramref name="key"/> (at least as long as <paramref name="text"/>);
    /// returns its length. For the review reader, which matches every label of every review without making a string.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> key)
    {
        int length = 0;
        foreach (char c in text)
        {
            if (!Ignored(c))
                key[length++] = char.ToLowerInvariant(c);
        }
        return length;
    }
#endif

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
#if NETSTANDARD2_0
        // The generator's copy (netstandard2.0 has no span casing of its own): FLASK's steps as written.
        int word = key.IndexOf("logical", StringComparison.OrdinalIgnoreCase) >= 0 ? 1 : 0;
        string[] words = string.Concat(key.Split('\n')).Replace('_', ' ').ToLowerInvariant().Split(' ');
        return word < words.Length ? words[word] : string.Empty;
#else
        Span<char> word = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        return new string(word[..FlaskWord(key, word)]);
#endif
    }

#if !NETSTANDARD2_0
    /// <summary>
    /// <see cref="FlaskWord(string)"/> written into <paramref name="word"/> (at least as long as <paramref name="key"/>);
    /// returns its length. Every key and label of every review goes through here: no string.
    /// </summary>
    public static int FlaskWord(ReadOnlySpan<char> key, Span<char> word)
    {
        int skip = key.Contains("logical", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        if (key.Contains('\n'))
        {
            // FLASK drops newlines before splitting, which can join two pieces into one word (or two halves of a
            // surrogate pair into one character, lowercased as one): the word is cut from the joined key.
            Span<char> joined = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
            int length = 0;
            foreach (char c in key)
            {
                if (c != '\n')
                    joined[length++] = c;
            }
            return Lowercase(Word(joined[..length], skip), word);
        }
        return Lowercase(Word(key, skip), word);

        // The piece between separators (' ', and '_' read as one) after `skip` of them: lowercasing makes no
        // separator, so the word can be cut first and lowercased alone.
        static ReadOnlySpan<char> Word(ReadOnlySpan<char> key, int skip)
        {
            for (int skipped = 0; skipped < skip; skipped++)
            {
                int separator = key.IndexOfAny(' ', '_');
                if (separator < 0)
                    return [];
                key = key[(separator + 1)..];
            }
            int end = key.IndexOfAny(' ', '_');
            return end < 0 ? key : key[..end];
        }

        static int Lowercase(ReadOnlySpan<char> text, Span<char> destination) => text.ToLowerInvariant(destination);
    }
#endif

    /// <summary>
    /// How a judge's key names a skill, best first: <see cref="SkillKeyMatch.Flask"/> when FLASK reads it as the skill
    /// (same <see cref="FlaskWord(string)"/> as the skill's name), else <see cref="SkillKeyMatch.Own"/> when it is the skill's
    /// id or name written another way, else <see cref="SkillKeyMatch.Alias"/>, else <see cref="SkillKeyMatch.None"/>.
    /// </summary>
    public static SkillKeyMatch Match(string key, string id, string name, IEnumerable<string> aliases) =>
        Match(new Written(key), new Names(id, name, aliases));

    /// <summary><see cref="Match(string, string, string, IEnumerable{string})"/> with both sides' forms computed once.</summary>
    public static SkillKeyMatch Match(Written key, Names skill) => Match(key.Word.AsSpan(), key.Normalized.AsSpan(), skill);

    /// <summary>
    /// <see cref="Match(Written, Names)"/> of a key given by its <see cref="FlaskWord(string)"/> and its
    /// <see cref="Normalize(string)"/>d form (as the review reader computes them, into buffers).
    /// </summary>
    public static SkillKeyMatch Match(ReadOnlySpan<char> word, ReadOnlySpan<char> normalized, Names skill)
    {
        if (word.Length > 0 && word.SequenceEqual(skill.NameWord.AsSpan()))
            return SkillKeyMatch.Flask;
        if (normalized.Length == 0)
            return SkillKeyMatch.None;
        if (normalized.SequenceEqual(skill.Id.AsSpan()) || normalized.SequenceEqual(skill.Name.AsSpan()))
            return SkillKeyMatch.Own;
        // By index: a foreach over the interface would box the list's enumerator on every key a judge writes.
        for (int i = 0; i < skill.Aliases.Count; i++)
        {
            if (normalized.SequenceEqual(skill.Aliases[i].AsSpan()))
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

        /// <summary>The key's <see cref="FlaskWord(string)"/>.</summary>
        public string Word { get; }

        /// <summary>The key <see cref="Normalize(string)"/>d.</summary>
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

        /// <summary>The name's <see cref="FlaskWord(string)"/>.</summary>
        public string NameWord { get; }

        /// <summary>The id <see cref="Normalize(string)"/>d.</summary>
        public string Id { get; }

        /// <summary>The name <see cref="Normalize(string)"/>d.</summary>
        public string Name { get; }

        /// <summary>The aliases <see cref="Normalize(string)"/>d, in order.</summary>
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
