using System;
using MathNet.Numerics.Statistics;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The runtime's quantile replaced MathNet.Numerics' in the regression gate: it must give the very same doubles, so a
/// gate verdict cannot change with the dependency gone.
/// </summary>
public sealed class SortedQuantileTests
{
    [Fact]
    public void Equals_MathNet_on_generated_data_bit_for_bit()
    {
        var random = new Random(20260514);
        double[] edges = [0, 1, 0.025, 0.975, 0.05, 0.95, 0.5, 1e-12, 1 - 1e-12, -0.1, 1.1];
        for (int n = 0; n < 20_000; n++)
        {
            var data = new double[random.Next(0, 60)];
            for (int i = 0; i < data.Length; i++)
                data[i] = random.Next(4) == 0 ? random.Next(-4, 5) : Math.Round((random.NextDouble() - 0.5) * 8, random.Next(1, 6));
            Array.Sort(data);
            double tau = n % 3 == 0 ? edges[random.Next(edges.Length)] : random.NextDouble();

            double expected = SortedArrayStatistics.Quantile(data, tau);
            double actual = SortedQuantile.Of(data, tau);

            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
                $"n={data.Length} tau={tau:R}: MathNet {expected:R}, ours {actual:R}");
        }
    }

    [Fact]
    public void Equals_MathNet_on_bootstrap_sized_means()
    {
        // The gate's own shape: 10,000 sorted resample means, the 2.5 % and 97.5 % points (and other confidences).
        var random = new Random(7);
        for (int run = 0; run < 50; run++)
        {
            var means = new double[random.Next(1_000, 10_001)];
            for (int i = 0; i < means.Length; i++)
                means[i] = Math.Round(random.NextDouble() * 2 - 1, 3);
            Array.Sort(means);
            foreach (double confidence in new[] { 0.8, 0.9, 0.95, 0.99 })
            {
                double alpha = 1 - confidence;
                Assert.Equal(SortedArrayStatistics.Quantile(means, alpha / 2), SortedQuantile.Of(means, alpha / 2));
                Assert.Equal(SortedArrayStatistics.Quantile(means, 1 - alpha / 2), SortedQuantile.Of(means, 1 - alpha / 2));
            }
        }
    }
}
