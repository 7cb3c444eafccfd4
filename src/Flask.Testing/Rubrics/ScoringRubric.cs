using System;
using System.Collections;
using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>The five score descriptions of a skill, for scores 1 to 5.</summary>
public sealed class ScoringRubric : IReadOnlyList<ScoreLevel>
{
    /// <summary>The lowest score a judge may give.</summary>
    public const int MinScore = 1;

    /// <summary>The highest score a judge may give.</summary>
    public const int MaxScore = 5;

    private readonly ScoreLevel[] _levels;

    /// <summary>Creates a rubric from the descriptions of scores 1 to 5.</summary>
    /// <exception cref="ArgumentException">A description is null, empty or white space.</exception>
    public ScoringRubric(string score1, string score2, string score3, string score4, string score5)
    {
        string[] texts = [score1, score2, score3, score4, score5];
        _levels = new ScoreLevel[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
                throw new ArgumentException($"The description of score {i + 1} is empty.", $"score{i + 1}");
            _levels[i] = new ScoreLevel(i + 1, texts[i]);
        }
    }

    /// <summary>The description of <paramref name="score"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not 1..5.</exception>
    public string Describe(int score) => score is >= MinScore and <= MaxScore
        ? _levels[score - 1].Description
        : throw new ArgumentOutOfRangeException(nameof(score), score, "Scores go from 1 to 5.");

    /// <summary>The level at <paramref name="index"/> (0 is score 1).</summary>
    public ScoreLevel this[int index] => _levels[index];

    /// <summary>Always 5.</summary>
    public int Count => _levels.Length;

    /// <inheritdoc/>
    public IEnumerator<ScoreLevel> GetEnumerator() => ((IEnumerable<ScoreLevel>)_levels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
