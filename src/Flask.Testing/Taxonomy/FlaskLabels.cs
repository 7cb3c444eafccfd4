using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>FLASK's own labels for domains and difficulty levels, as its data files write them.</summary>
public static class FlaskLabels
{
    private static readonly (FlaskDomain Domain, string Label)[] DomainLabels =
    [
        (FlaskDomain.Humanities, "Humanities"),
        (FlaskDomain.Language, "Language"),
        (FlaskDomain.Culture, "Culture"),
        (FlaskDomain.Health, "Health"),
        (FlaskDomain.History, "History"),
        (FlaskDomain.NaturalScience, "Natural Science"),
        (FlaskDomain.Math, "Math"),
        (FlaskDomain.SocialScience, "Social Science"),
        (FlaskDomain.Technology, "Technology"),
        (FlaskDomain.Coding, "Coding"),
    ];

    private static readonly (FlaskDifficulty Difficulty, string Label)[] DifficultyLabels =
    [
        (FlaskDifficulty.SimpleLifestyleKnowledge, "simple lifestyle knowledge"),
        (FlaskDifficulty.AdvancedLifestyleKnowledge, "advanced lifestyle knowledge"),
        (FlaskDifficulty.FormalEducationKnowledge, "formal education knowledge"),
        (FlaskDifficulty.MajorLevelKnowledge, "major level knowledge"),
        (FlaskDifficulty.ExpertLevelKnowledge, "expert level knowledge"),
    ];

    /// <summary>All ten domains in FLASK's order.</summary>
    public static IReadOnlyList<FlaskDomain> Domains { get; } = DomainLabels.Select(d => d.Domain).ToArray();

    /// <summary>All five difficulty levels, easiest first.</summary>
    public static IReadOnlyList<FlaskDifficulty> Difficulties { get; } = DifficultyLabels.Select(d => d.Difficulty).ToArray();

    /// <summary>FLASK's label of <paramref name="domain"/>, e.g. <c>Natural Science</c>.</summary>
    public static string Label(FlaskDomain domain) => DomainLabels.First(d => d.Domain == domain).Label;

    /// <summary>FLASK's label of <paramref name="difficulty"/>, e.g. <c>expert level knowledge</c>.</summary>
    public static string Label(FlaskDifficulty difficulty) => DifficultyLabels.First(d => d.Difficulty == difficulty).Label;

    /// <summary>Reads a domain label, ignoring case. FLASK's placeholder for "not annotated" (<c>-1</c>) is not a domain.</summary>
    public static bool TryParseDomain(string? label, out FlaskDomain domain)
    {
        foreach (var (value, text) in DomainLabels)
        {
            if (string.Equals(text, label?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                domain = value;
                return true;
            }
        }
        domain = default;
        return false;
    }

    /// <summary>Reads a difficulty label (e.g. <c>major level knowledge</c>) or level number 1..5, ignoring case.</summary>
    public static bool TryParseDifficulty(string? label, out FlaskDifficulty difficulty)
    {
        string text = label?.Trim() ?? string.Empty;
        foreach (var (value, name) in DifficultyLabels)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase) || text == ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                difficulty = value;
                return true;
            }
        }
        difficulty = default;
        return false;
    }
}
