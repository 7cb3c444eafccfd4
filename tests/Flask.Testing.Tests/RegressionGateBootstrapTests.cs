using System;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The gate's bootstrap draws its indices from <see cref="SubtractiveRandom"/> instead of <c>System.Random</c> (for
/// speed: compare of two 1,700-result runs, docs/performance.md). It must give the very same intervals, bit for bit, so
/// that no verdict changes: checked against the computation as it was, on generated differences and seeds.
/// </summary>
public sealed class RegressionGateBootstrapTests
{
    /// <summary>The gate's bootstrap as it was before <see cref="SubtractiveRandom"/>: System.Random's draws.</summary>
    private static (double Lower, double Upper) Reference(double[] differences, GateOptions options)
    {
        var random = new Random(options.Seed);
        var means = new double[options.Resamples];
        for (int b = 0; b < means.Length; b++)
        {
            double sum = 0;
            for (int i = 0; i < differences.Length; i++)
                sum += differences[random.Next(differences.Length)];
            means[b] = sum / differences.Length;
        }
        Array.Sort(means);
        double alpha = 1 - options.Confidence;
        return (SortedQuantile.Of(means, alpha / 2), SortedQuantile.Of(means, 1 - alpha / 2));
    }

    [Fact]
    public void Sums_the_same_draws_as_System_Random_for_any_seed()
    {
        var generator = new Random(15);
        int[] seeds = [0, 1, -1, int.MaxValue, int.MinValue, int.MinValue + 1, 20230718, .. Generated(generator, 200)];
        foreach (int seed in seeds)
        {
            var expected = new Random(seed);
            var actual = new SubtractiveRandom(seed);
            for (int resample = 0; resample < 20; resample++)
            {
                // Distinct values, so another draw anywhere gives another sum.
                double[] values = [.. Enumerable.Range(0, 1 + generator.Next(300)).Select(_ => generator.NextDouble())];
                double sum = 0;
                for (int i = 0; i < values.Length; i++)
                    sum += values[expected.Next(values.Length)];
                Assert.True(BitConverter.DoubleToInt64Bits(sum) == BitConverter.DoubleToInt64Bits(actual.SumOfResample(values)), $"seed {seed}, resample {resample}");
            }
        }
    }

    [Fact]
    public void Gives_the_same_interval_bit_for_bit_as_the_System_Random_bootstrap()
    {
        var generator = new Random(1700);
        for (int trial = 0; trial < 150; trial++)
        {
            // Differences of 1–5 scores, or of means of K samples (fractions), of 3 to 400 paired tests.
            var differences = new double[generator.Next(3, 400)];
            int samples = generator.Next(1, 4);
            for (int i = 0; i < differences.Length; i++)
                differences[i] = (double)generator.Next(-4 * samples, 4 * samples + 1) / samples;
            var options = new GateOptions
            {
                Seed = trial % 5 == 0 ? new GateOptions().Seed : generator.Next(),
                Resamples = trial % 3 == 0 ? new GateOptions().Resamples : generator.Next(1, 3_000),
                Confidence = trial % 4 == 0 ? 0.95 : 0.5 + generator.NextDouble() * 0.49,
            };

            var expected = Reference(differences, options);
            var actual = RegressionGate.BootstrapInterval(differences, options);

            Assert.True(BitConverter.DoubleToInt64Bits(expected.Lower) == BitConverter.DoubleToInt64Bits(actual.Lower)
                && BitConverter.DoubleToInt64Bits(expected.Upper) == BitConverter.DoubleToInt64Bits(actual.Upper),
                $"trial {trial}: System.Random [{expected.Lower:R}, {expected.Upper:R}], ours [{actual.Lower:R}, {actual.Upper:R}]");
        }
    }

    private static int[] Generated(Random random, int count)
    {
        var seeds = new int[count];
        for (int i = 0; i < count; i++)
            seeds[i] = random.Next(int.MinValue, int.MaxValue);
        return seeds;
    }
}
