using System;
using System.Collections.Generic;
using System.Linq;
using Flask.Testing;

namespace Flask.Cli.Analysis;

/// <summary>
/// FLASK's analysis of a run, in one streaming pass: averages per skill, ability, domain, difficulty level,
/// skill × difficulty and on FLASK-HARD (expert level), each over the scored (response, skill) pairs, N/A and judge
/// errors excluded, as FLASK computes them; a response in two domains counts in both. Scores the judge gave for skills
/// not requested are counted apart; with <paramref name="includeUnrequested"/> they are also averaged under the skill
/// their key names, as FLASK's aggregation does.
/// </summary>
internal sealed class FlaskAnalysis(string model, bool includeUnrequested = false)
{
    private const int LowestKept = 5;
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _skills = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _abilities = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _domains = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _difficulties = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _skillByDifficulty = [];
    private readonly Dictionary<string, (string Label, ScoreAccumulator Scores)> _hard = [];
    private readonly List<(double Mean, ScoredResponse Response)> _lowest = [];
    private int _responses, _notApplicable, _judgeErrors, _unrequested;

    public void Add(ScoredResponse response)
    {
        _responses++;
        FlaskDifficulty? level = FlaskLabels.TryParseDifficulty(response.Difficulty, out FlaskDifficulty d) ? d : null;
        string[] domains = [.. response.Domains.Select(DomainLabel)];
        foreach (ScoredSkill skill in response.Skills)
        {
            if (skill.Status == SkillScoreStatus.NotApplicable)
                _notApplicable++;
            if (skill.Status == SkillScoreStatus.JudgeError)
                _judgeErrors++;
            if (skill.Status != SkillScoreStatus.Scored || skill.Score is not { } score)
                continue;
            AddScore(skill.Id, skill.Name, skill.Ability, score, domains, level);
        }
        foreach (UnrequestedScore extra in response.Unrequested ?? [])
        {
            _unrequested++;
            if (includeUnrequested && extra is { Status: SkillScoreStatus.Scored, Score: { } score } && FlaskSkills.Catalog.FindByJudgeKey(extra.Key) is { } skill)
                AddScore(skill.Id, skill.Name, skill.Ability.Name, score, domains, level);
        }
        double[] scores = [.. response.Skills.Where(s => s.Score is not null).Select(s => s.Score!.Value)];
        if (scores.Length > 0)
            KeepIfLowest(scores.Average(), response);
    }

    private void AddScore(string id, string name, string ability, double score, string[] domains, FlaskDifficulty? level)
    {
        Add(_skills, id, name, score);
        Add(_abilities, ability, ability, score);
        foreach (string domain in domains)
            Add(_domains, domain, domain, score);
        if (level is { } l)
        {
            Add(_difficulties, ((int)l).ToString(), $"{(int)l}. {FlaskLabels.Label(l)}", score);
            Add(_skillByDifficulty, $"{id}|{(int)l}", $"{name} @ {(int)l}", score);
            if (l == FlaskDifficulty.ExpertLevelKnowledge)
                Add(_hard, id, name, score);
        }
    }

    public ModelAnalysis Result() => new()
    {
        Model = model,
        Responses = _responses,
        NotApplicable = _notApplicable,
        JudgeErrors = _judgeErrors,
        Unrequested = _unrequested,
        UnrequestedAveraged = includeUnrequested,
        Skills = Ordered(_skills, SkillOrder),
        Abilities = Ordered(_abilities, key => Array.FindIndex([.. Ability.Flask], a => a.Name == key) is var i and >= 0 ? i : 99),
        Domains = Ordered(_domains, key => FlaskLabels.TryParseDomain(key, out FlaskDomain domain) ? (int)domain : 99),
        Difficulties = Ordered(_difficulties, int.Parse),
        SkillByDifficulty = Ordered(_skillByDifficulty, key => SkillOrder(key.Split('|')[0]) * 10 + int.Parse(key.Split('|')[1])),
        Hard = Ordered(_hard, SkillOrder),
        Lowest = [.. _lowest.OrderBy(l => l.Mean).ThenBy(l => l.Response.Id, StringComparer.Ordinal).Select(l => l.Response)],
    };

    /// <summary>The group a domain annotation counts in: FLASK's label for one of its domains, else the text as written.</summary>
    internal static string DomainLabel(string domain) => FlaskLabels.TryParseDomain(domain, out FlaskDomain known) ? FlaskLabels.Label(known) : domain;

    /// <summary>FLASK's skills in catalog order, others after them.</summary>
    internal static int SkillOrder(string id) => FlaskSkills.Find(id) is { } skill ? FlaskSkills.Catalog.IndexOf(skill) : 99;

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
}
