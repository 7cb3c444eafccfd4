using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Flask.Testing.Analysis;

/// <summary>
/// FLASK's analysis of a run, in one streaming pass: averages per skill, ability, domain, difficulty level,
/// skill × difficulty and on FLASK-HARD (expert level), each over the scored (response, skill) pairs, N/A and judge
/// errors excluded, as FLASK computes them; a response in two domains counts in both. Per skill it also counts the N/A,
/// judge-error and below-minimum pairs, so a skill that was never scored still has its row. Skills and abilities are
/// in the order of <paramref name="catalog"/>. Scores the judge gave for skills not requested are counted apart; with
/// <paramref name="includeUnrequested"/> they are also averaged under the skill their key names, as FLASK's
/// aggregation does. The one aggregation of results: the test run's summary and <c>dotnet flask report</c> both use it.
/// </summary>
/// <param name="model">The model analysed (see <see cref="ModelOf"/>).</param>
/// <param name="catalog">The skills the results were judged on: their order, and the skills unrequested keys name.</param>
/// <param name="includeUnrequested">Whether scores for skills not requested are averaged too.</param>
public sealed class FlaskAnalysis(string model, SkillCatalog catalog, bool includeUnrequested = false)
{
    private const int LowestKept = 5;
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _skills = [];
    private readonly Dictionary<string, SkillCounts> _skillCounts = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _abilities = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _domains = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _difficulties = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _skillByDifficulty = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _hard = [];
    private readonly List<(double Mean, ScoredResponse Response)> _lowest = [];
    private int _responses, _notApplicable, _judgeErrors, _unrequested;

    /// <summary>
    /// The model a result belongs to: the record's <c>model</c>, else the name of its results file without extension
    /// (a test run's <c>results.jsonl</c> is "results"), so a file gives the same analysis whoever reads it.
    /// </summary>
    public static string ModelOf(ScoredResponse response, string resultsFile)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Model ?? Path.GetFileNameWithoutExtension(resultsFile);
    }

    /// <summary>Adds one judged response.</summary>
    public void Add(ScoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _responses++;
        FlaskDifficulty? level = FlaskLabels.TryParseDifficulty(response.Difficulty, out FlaskDifficulty d) ? d : null;
        string[] domains = [.. response.Domains.Select(DomainLabel)];
        foreach (ScoredSkill skill in response.Skills)
        {
            SkillCounts counts = Counts(skill.Id, skill.Name, skill.Ability);
            if (skill.Status == SkillScoreStatus.NotApplicable)
            {
                _notApplicable++;
                counts.NotApplicable++;
            }
            if (skill.Status == SkillScoreStatus.JudgeError)
            {
                _judgeErrors++;
                counts.JudgeErrors++;
            }
            if (skill.Status != SkillScoreStatus.Scored || skill.Score is not { } score)
                continue;
            if (!skill.Passed)
                counts.BelowMinimum++;
            AddScore(skill.Id, skill.Name, skill.Ability, score, domains, level);
        }
        foreach (UnrequestedScore extra in response.Unrequested ?? [])
        {
            _unrequested++;
            if (includeUnrequested && extra is { Status: SkillScoreStatus.Scored, Score: { } score } && catalog.FindByJudgeKey(extra.Key) is { } skill)
            {
                Counts(skill.Id, skill.Name, skill.Ability.Name);
                AddScore(skill.Id, skill.Name, skill.Ability.Name, score, domains, level);
            }
        }
        double[] scores = [.. response.Skills.Where(s => s.Score is not null).Select(s => s.Score!.Value)];
        if (scores.Length > 0)
            KeepIfLowest(scores.Average(), response);
    }

    private SkillCounts Counts(string id, string name, string ability)
    {
        if (!_skillCounts.TryGetValue(id, out SkillCounts? counts))
            _skillCounts[id] = counts = new SkillCounts(name, ability);
        return counts;
    }

    private void AddScore(string id, string name, string ability, double score, string[] domains, FlaskDifficulty? level)
    {
        Add(_skills, id, name, score);
        Add(_abilities, ability, ability, score);
        foreach (string domain in domains)
            Add(_domains, domain, domain, score);
        if (level is { } l)
        {
            string number = ((int)l).ToString(CultureInfo.InvariantCulture);
            Add(_difficulties, number, $"{number}. {FlaskLabels.Label(l)}", score);
            Add(_skillByDifficulty, $"{id}|{number}", $"{name} @ {number}", score);
            if (l == FlaskDifficulty.ExpertLevelKnowledge)
                Add(_hard, id, name, score);
        }
    }

    /// <summary>The analysis of what was added so far.</summary>
    public ModelAnalysis Result()
    {
        // Every skill with a judged pair has a row, scored or not: a skill that only had judge errors is shown, not dropped.
        foreach (var (id, counts) in _skillCounts)
        {
            if (!_skills.ContainsKey(id))
                _skills[id] = (counts.Name, new ScoreAccumulator());
        }
        return new()
        {
            Model = model,
            Responses = _responses,
            NotApplicable = _notApplicable,
            JudgeErrors = _judgeErrors,
            Unrequested = _unrequested,
            UnrequestedAveraged = includeUnrequested,
            Skills = [.. Ordered(_skills, key => SkillOrder(catalog, key)).Select(g => _skillCounts[g.Key].Describe(g))],
            Abilities = Ordered(_abilities, AbilityOrder),
            Domains = Ordered(_domains, key => FlaskLabels.TryParseDomain(key, out FlaskDomain domain) ? (int)domain : 99),
            Difficulties = Ordered(_difficulties, key => int.Parse(key, CultureInfo.InvariantCulture)),
            SkillByDifficulty = Ordered(_skillByDifficulty, key => SkillOrder(catalog, key.Split('|')[0]) * 10 + int.Parse(key.Split('|')[1], CultureInfo.InvariantCulture)),
            Hard = Ordered(_hard, key => SkillOrder(catalog, key)),
            Lowest = [.. _lowest.OrderBy(l => l.Mean).ThenBy(l => l.Response.Id, StringComparer.Ordinal).Select(l => l.Response)],
        };
    }

    /// <summary>The group a domain annotation counts in: FLASK's label for one of its domains, else the text as written.</summary>
    internal static string DomainLabel(string domain) => FlaskLabels.TryParseDomain(domain, out FlaskDomain known) ? FlaskLabels.Label(known) : domain;

    /// <summary>A skill's place: its index in <paramref name="catalog"/>; skills it does not know come after them.</summary>
    internal static int SkillOrder(SkillCatalog catalog, string id) => catalog.Find(id) is { } skill ? catalog.IndexOf(skill) : int.MaxValue / 16;

    /// <summary>An ability's place: the catalog's order, then FLASK's four, then others.</summary>
    private int AbilityOrder(string name)
    {
        int index = catalog.Abilities.Select(a => a.Name).ToList().IndexOf(name);
        if (index >= 0)
            return index;
        int flask = Ability.Flask.Select(a => a.Name).ToList().IndexOf(name);
        return flask >= 0 ? 1_000 + flask : 2_000;
    }

    private static IReadOnlyList<GroupScore> Ordered(Dictionary<string, (string Label, ScoreAccumulator Scores)> groups, Func<string, int> order) =>
        [.. groups.OrderBy(g => order(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var interval = g.Value.Scores.Interval();
            return new GroupScore(g.Key, g.Value.Label, g.Value.Scores.Mean, g.Value.Scores.Count, interval?.Low, interval?.High);
        })];

    private static void Add(Dictionary<string, (string Label, ScoreAccumulator Scores)> groups, string key, string label, double score)
    {
        if (!groups.TryGetValue(key, out var group))
            groups[key] = group = (label, new ScoreAccumulator());
        group.Scores.Add(score);
    }

    private void KeepIfLowest(double mean, ScoredResponse response)
    {
        if (_lowest.Count == LowestKept && mean >= _lowest.Max(l => l.Mean))
            return;
        _lowest.Add((mean, response));
        if (_lowest.Count > LowestKept)
            _lowest.Remove(_lowest.MaxBy(l => l.Mean));
    }

    /// <summary>What a skill's pairs were besides scores: shown beside its mean.</summary>
    private sealed class SkillCounts(string name, string ability)
    {
        public string Name { get; } = name;
        public string Ability { get; } = ability;
        public int NotApplicable { get; set; }
        public int JudgeErrors { get; set; }
        public int BelowMinimum { get; set; }

        public GroupScore Describe(GroupScore scores) =>
            scores with { Ability = Ability, NotApplicable = NotApplicable, JudgeErrors = JudgeErrors, BelowMinimum = BelowMinimum };
    }
}
