using System;

namespace Flask.Testing.Analysis;

/// <summary>Running count, mean and spread of scores: constant memory however many results stream through.</summary>
internal sealed class ScoreAccumulator
{
    private double _sum;
    private double _sumOfSquares;

    public int Count { get; private set; }

    public void Add(double score)
    {
        Count++;
        _sum += score;
        _sumOfSquares += score * score;
    }

    public double? Mean => Count == 0 ? null : _sum / Count;

    /// <summary>
    /// The 95 % confidence interval of the mean (Student's t), clipped to the score scale (a mean of 1..5 scores cannot
    /// lie outside it, though t's interval over few scores can); null with fewer than two scores, where it is undefined.
    /// </summary>
    public (double Low, double High)? Interval()
    {
        if (Count < 2)
            return null;
        double mean = _sum / Count;
        double variance = Math.Max(0, (_sumOfSquares - Count * mean * mean) / (Count - 1));
        double half = StudentT.Quantile975(Count - 1) * Math.Sqrt(variance / Count);
        return (Math.Max(ScoringRubric.MinScore, mean - half), Math.Min(ScoringRubric.MaxScore, mean + half));
    }
}
