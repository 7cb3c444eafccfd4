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

    /// <summary>The 95 % confidence interval of the mean (Student's t); null with fewer than two scores.</summary>
    public (double Low, double High)? Interval()
    {
        if (Count < 2)
            return null;
        double mean = _sum / Count;
        double variance = Math.Max(0, (_sumOfSquares - Count * mean * mean) / (Count - 1));
        double half = StudentT.Quantile975(Count - 1) * Math.Sqrt(variance / Count);
        return (mean - half, mean + half);
    }
}
