namespace Flask.Testing;

/// <summary>
/// The tau-th quantile of sorted data, estimated as Hyndman and Fan's type 8 (approximately median-unbiased whatever
/// the distribution): the estimator MathNet.Numerics' <c>SortedArrayStatistics.Quantile</c> uses, written out here so
/// that the runtime does not depend on a numerics library for one function. Same arithmetic in the same order, so the
/// same doubles (tests compare the two on generated data).
/// </summary>
internal static class SortedQuantile
{
    /// <summary>The tau-th quantile of <paramref name="sorted"/> (ascending); NaN when it is empty or tau is outside [0, 1].</summary>
    public static double Of(double[] sorted, double tau)
    {
        if (tau < 0d || tau > 1d || sorted.Length == 0)
            return double.NaN;
        if (tau == 0d || sorted.Length == 1)
            return sorted[0];
        if (tau == 1d)
            return sorted[^1];

        double h = (sorted.Length + 1 / 3d) * tau + 1 / 3d;
        int hf = (int)h;
        return hf < 1 ? sorted[0]
            : hf >= sorted.Length ? sorted[^1]
            : sorted[hf - 1] + (h - hf) * (sorted[hf] - sorted[hf - 1]);
    }
}
