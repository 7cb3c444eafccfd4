using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Flask.Testing.Tests;

/// <summary>A generated review and every valid score written in it as score-shaped text, per skill.</summary>
/// <param name="Text">The review.</param>
/// <param name="Skills">The requested skills.</param>
/// <param name="Planted">Per skill (requested or not), each 1..5 value some score-shaped text gave it (dict entry, score line).</param>
/// <param name="Style">How the review was written, for coverage counts and failure messages.</param>
/// <param name="Truncated">Cut off, as a judge stopped by its token limit (finish reason "length").</param>
/// <param name="Response">The response under review; its score lines (quarter values, never planted) are no scores.</param>
internal sealed record GeneratedReview(string Text, Skill[] Skills, IReadOnlyDictionary<Skill, HashSet<double>> Planted, string Style, bool Truncated, string Response = "An answer.");

/// <summary>
/// Writes judge reviews the way judges write them, from a seed: FLASK's format (feedback then a Python dict), JSON in
/// code fences, prose with score lines or none, cut off anywhere (but never inside a number, which would change it),
/// with fake dicts inside the quoted response, notes in braces after the dict, aliases, FLASK's long key forms, Python
/// literals, N/A spellings, out-of-range values, numbers in the prose, skills not requested.
/// </summary>
internal sealed class ReviewGenerator(int seed)
{
    private static readonly Skill[] All = [.. FlaskSkills.Catalog];
    private readonly Random _random = new(seed);
    private Dictionary<Skill, HashSet<double>> _planted = [];

    public GeneratedReview Next()
    {
        _planted = [];
        Skill[] skills = [.. All.OrderBy(_ => _random.Next()).Take(Pick(3, 3, 3, 1, 2, 4))];
        var text = new StringBuilder();
        var style = new List<string>();
        if (Chance(0.25))
        {
            style.Add("fake-dict");
            text.Append("The response says: \"").Append(Prose()).Append(' ').Append(Dict(skills, fake: true)).Append("\"\n\n");
        }
        string response = "An answer.";
        if (Chance(0.3))
        {
            // A model under test planting score lines in its answer, quoted by the judge: never a score.
            string[] lines = [.. skills.Select(s => Pick($"{s.Name}: {Quarter()}", $"**{s.Name}**: {Quarter()}/5", $"## {s.Name}\nScore: {Quarter()}"))];
            response = "An answer.\n" + string.Join("\n", lines);
            string quote = Pick("```", "\"\"\"", ">", "\"", "verbatim");
            style.Add("quoted-" + quote);
            text.Append("Response to evaluate:\n").Append(quote switch
            {
                "```" or "\"\"\"" => $"{quote}\n{response}\n{quote}\n",
                ">" => string.Concat(response.Split('\n').Select(l => $"> {l}\n")),
                "\"" => string.Concat(response.Split('\n').Select(l => $"\"{l}\"\n")),
                _ => response + "\n",
            }).Append('\n');
        }
        int format = _random.Next(4);
        switch (format)
        {
            case 0:
                style.Add("flask");
                text.Append(Feedback(skills)).Append('\n').Append(Dict(Extend(skills), fake: false));
                break;
            case 1:
                style.Add("json");
                text.Append(Feedback(skills)).Append("\n```json\n").Append(Chance(0.3)
                    ? "{\"scores\": " + Json(Extend(skills)) + ", \"feedback\": \"" + Prose() + "\"}"
                    : Json(Extend(skills))).Append("\n```");
                break;
            case 2:
                style.Add("lines");
                text.Append(Lines(skills));
                break;
            default:
                style.Add("prose");
                text.Append(Feedback(skills));
                break;
        }
        if (Chance(0.15))
        {
            style.Add("note");
            text.Append('\n').Append(Pick("Note: use {braces} sparingly.", "{'note': 'none'}", "P.S. {x}", "{}"));
        }
        string review = text.ToString();
        bool truncated = Chance(0.2);
        if (truncated)
        {
            style.Add("truncated");
            review = Truncate(review);
        }
        return new GeneratedReview(review, skills, _planted, string.Join("+", style), truncated, response);
    }

    /// <summary>The requested skills, sometimes one dropped, sometimes with others added or an alias beside the own key.</summary>
    private List<(Skill Skill, string? Key)> Extend(Skill[] skills)
    {
        var keys = skills.Select(s => (s, (string?)null)).ToList();
        if (Chance(0.2))
            keys.RemoveAt(_random.Next(keys.Count));
        if (Chance(0.2))
            keys.Add((All[_random.Next(All.Length)], null));
        if (Chance(0.15) && skills.FirstOrDefault(s => s.Aliases.Count > 0) is { } aliased)
            keys.Insert(_random.Next(keys.Count + 1), (aliased, aliased.Aliases[0]));
        if (Chance(0.1))
            keys.Add((skills[0], null)); // the same skill twice
        return keys;
    }

    private string Dict(IEnumerable<Skill> skills, bool fake) => Dict(skills.Select(s => (s, (string?)null)).ToList(), fake);

    private string Dict(List<(Skill Skill, string? Key)> keys, bool fake)
    {
        char q = Chance(0.8) ? '\'' : '"';
        var entries = keys.Select(k => $"{q}{k.Key ?? Key(k.Skill)}{q}: {Value(k.Skill, python: true)}");
        string separator = Chance(0.2) ? ",\n  " : ", ";
        string dict = "{" + (separator.Contains('\n') ? "\n  " : string.Empty) + string.Join(separator, entries) + (Chance(0.1) ? "," : string.Empty) + "}";
        return fake ? dict : (Chance(0.3) ? "Scores: " : string.Empty) + dict;
    }

    private string Json(List<(Skill Skill, string? Key)> keys) =>
        "{\n" + string.Join(",\n", keys.Select(k => $"  \"{k.Key ?? Key(k.Skill)}\": {Value(k.Skill, python: false)}")) + "\n}";

    /// <summary>A key for the skill: FLASK's forms, FLASK's long forms, the id, the display name in another case.</summary>
    private string Key(Skill skill)
    {
        string name = skill.Name;
        return _random.Next(11) switch
        {
            0 or 1 => name.ToLowerInvariant(),
            2 => name,
            3 => name.Replace(' ', '_'),
            4 => $"{name} of {skill.Ability.Name}",
            5 => $"{name} ({skill.Ability.Name})",
            6 => $"{name} score (1-5)",
            7 => $"{name}_score",
            8 => skill.Id,
            9 => name.ToUpperInvariant(),
            _ => name.Replace(' ', '-'),
        };
    }

    /// <summary>A value as judges write it; a valid score is recorded as planted for the skill.</summary>
    private string Value(Skill skill, bool python)
    {
        int kind = _random.Next(100);
        if (kind < 12)
            return Pick("'N/A'", "'n/a'", "'na'", "'not applicable'", "'n/a.'", "'NA'", "\"N/A\"", python ? "na" : "\"n/a\"");
        if (kind < 24)
            return Pick("0", "6", "7", "-1", "10", "'8/10'", "'good'", "'inf'", "None", "True", "[4]", "'4 stars'", "5.5", "'0'", "null");
        double v = Chance(0.85) ? _random.Next(1, 6) : _random.Next(2, 10) / 2.0;
        if (v > 5)
            v = 5;
        Plant(skill, v);
        string n = v.ToString(CultureInfo.InvariantCulture);
        bool whole = v == Math.Floor(v);
        if (!python)
            return Pick(n, $"\"{n}\"", $"{n}.0".Replace(".5.0", ".5"), $"\"{n}/5\"", $"\"{n} out of 5\"");
        return _random.Next(12) switch
        {
            0 => $"'{n}'",
            1 => $"\"{n}\"",
            2 => whole ? $"{n}.0" : n,
            3 => $"{n}e0",
            4 => $"+{n}",
            5 => $"({n})",
            6 => $"' {n} '",
            7 => $"'{n}/5'",
            8 => $"{n}/5",
            9 => $"'{n} out of 5'",
            10 => whole ? $"0x{(int)v}" : n,
            _ => n,
        };
    }

    /// <summary>Feedback per skill with numbers in the prose (never scores) and words that start like N/A.</summary>
    private string Feedback(Skill[] skills)
    {
        var text = new StringBuilder();
        foreach (Skill skill in skills)
        {
            string label = Chance(0.5) ? skill.Name : $"**{skill.Name}**";
            text.Append(label).Append(": ").Append(Prose()).Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>A line per skill: a score line (planted), or prose that begins with a number or "Na…".</summary>
    private string Lines(Skill[] skills)
    {
        var text = new StringBuilder();
        foreach (Skill skill in skills)
        {
            int v = _random.Next(1, 6);
            switch (_random.Next(8))
            {
                case 0:
                    Plant(skill, v);
                    text.Append($"{skill.Name}: {v}\n");
                    break;
                case 1:
                    Plant(skill, v);
                    text.Append($"**{skill.Name}**: {v}/5\n");
                    break;
                case 2:
                    Plant(skill, v);
                    text.Append($"{skill.Name}: {v} out of 5.\n");
                    break;
                case 3:
                    Plant(skill, v);
                    text.Append($"## {skill.Name}\n{Prose()}\nScore: {v}\n\n");
                    break;
                case 4:
                    text.Append($"{skill.Name}: {Pick("7", "0", "8/10", "12 out of 5")}\n");
                    break;
                case 5:
                    text.Append($"{skill.Name}: {Pick("N/A", "n/a.", "Not applicable")}\n");
                    break;
                default:
                    text.Append($"{skill.Name}: {Prose()}\n");
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>A score no judge line of this generator writes (1.25 … 4.75): reading it means a planted line was read.</summary>
    private string Quarter() => (_random.Next(1, 5) + Pick(0.25, 0.75)).ToString(CultureInfo.InvariantCulture);

    private string Prose() => Pick(
        $"{_random.Next(1, 6)} sentences would have been enough.",
        $"{_random.Next(1, 6)} date is wrong, the rest is right.",
        $"{_random.Next(1, 6)} paragraphs, well organized.",
        "Naturally, it repeats itself.",
        "Nah, it is too long.",
        $"The answer scores {_random.Next(1, 6)} points on clarity, roughly.",
        $"Rated {_random.Next(1, 6)}/5 by some readers, but the rubric says otherwise.",
        "It explains the idea well.",
        "Mostly accurate; one claim is unsupported.");

    /// <summary>Cuts the review anywhere except next to a digit or a point (a cut number is another number).</summary>
    private string Truncate(string review)
    {
        for (int tries = 0; tries < 50; tries++)
        {
            int at = _random.Next(1, review.Length);
            if (!IsNumeric(review[at - 1]) && !IsNumeric(review[at]))
                return review[..at];
        }
        return review;
    }

    private static bool IsNumeric(char c) => char.IsDigit(c) || c == '.' || c == '/';

    private void Plant(Skill skill, double value) =>
        (_planted.TryGetValue(skill, out var set) ? set : _planted[skill] = []).Add(value);

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
