using System;
using Flask.Testing.Analysis;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The analysis moved from the CLI into the runtime, which does not depend on MathNet.Numerics: its own t quantile must
/// give MathNet's critical values, so no confidence interval in a report changes with the move.
/// </summary>
public sealed class StudentTTests
{
    [Fact]
    public void The_975_quantile_equals_MathNet_for_every_sample_size_tried()
    {
        var random = new Random(20261129);
        int[] sizes = [1, 2, 3, 4, 5, 10, 29, 30, 100, 1_739, 20_879, 1_000_000];
        foreach (int df in sizes)
            AssertClose(df);
        for (int i = 0; i < 300; i++)
            AssertClose(random.Next(1, 5_000));
    }

    private static void AssertClose(int df)
    {
        double expected = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975);
        double actual = StudentT.Quantile975(df);
        Assert.True(Math.Abs(expected - actual) < 1e-9, $"df={df}: MathNet {expected:R}, ours {actual:R}");
    }
}
