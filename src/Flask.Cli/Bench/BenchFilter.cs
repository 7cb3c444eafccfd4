using System;
using System.Collections.Generic;
using System.Linq;
using Flask.Cli.Commands;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// Which instances a bench run takes: by skill, domain, difficulty, expert level (<see cref="Hard"/>: difficulty 5, the
/// 186 expert-level instances of FLASK's main set, of which FLASK-HARD's 89 are a subset), shard and limit (0: none).
/// </summary>
internal sealed record BenchFilter(IReadOnlyList<string> Skills, IReadOnlyList<string> Domains, IReadOnlyList<string> Difficulties, bool Hard, (int Index, int Count)? Shard, int Limit)
{
    public IEnumerable<FlaskInstance> Apply(IEnumerable<FlaskInstance> instances, SkillCatalog catalog)
    {
        Skill[] skills = [.. Skills.Select(name => catalog.Find(name) ?? throw UnknownSkill(name, catalog))];
        FlaskDifficulty[] levels = [.. Difficulties.Select(d => FlaskLabels.TryParseDifficulty(d, out var level) ? level : throw new CliException($"Unknown --difficulty '{d}': use 1-5 or a FLASK label such as 'expert level knowledge'."))];
        FlaskDomain[] domains = [.. Domains.Select(d => FlaskLabels.TryParseDomain(d, out var domain) ? domain : throw new CliException($"Unknown --domain '{d}': use one of {string.Join(", ", FlaskLabels.Domains.Select(FlaskLabels.Label))}."))];

        IEnumerable<FlaskInstance> selected = instances
            .Where(i => skills.Length == 0 || i.Skills.Any(s => skills.Contains(catalog.Find(s))))
            .Where(i => domains.Length == 0 || i.Domains.Any(d => FlaskLabels.TryParseDomain(d, out var domain) && domains.Contains(domain)))
            .Where(i => levels.Length == 0 || (FlaskLabels.TryParseDifficulty(i.Difficulty, out var level) && levels.Contains(level)))
            .Where(i => !Hard || i.IsExpertLevel);
        if (Shard is var (index, count))
            selected = selected.Where((_, position) => position % count == index - 1);
        return Limit > 0 ? selected.Take(Limit) : selected;
    }

    /// <summary>The catalog's own message (it suggests the closest skill and lists them), as a user error.</summary>
    private static CliException UnknownSkill(string name, SkillCatalog catalog)
    {
        try
        {
            catalog.Get(name);
            throw new InvalidOperationException($"'{name}' was not found, then found.");
        }
        catch (KeyNotFoundException e)
        {
            return new CliException($"--skill: {e.Message}");
        }
    }

    /// <summary>Reads "i/n" (1-based shard i of n).</summary>
    public static (int, int)? ParseShard(string? text)
    {
        if (text is null)
            return null;
        string[] parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count >= 1 && index >= 1 && index <= count
            ? (index, count)
            : throw new CliException($"--shard takes i/n with 1 <= i <= n, such as 2/4, not '{text}'.");
    }
}
