using System;

namespace Flask.Testing;

/// <summary>
/// The very sequence of <c>new System.Random(seed).Next(maxValue)</c> (.NET's seeded generator: Knuth's subtractive
/// generator, kept unchanged since .NET Framework so that a seed's sequence can be relied on), written out so that the
/// gate's bootstrap draws its 10,000 × n indices with the generator's state in registers. Same arithmetic in the same order,
/// so the same numbers (RegressionGateBootstrapTests compares the two over generated seeds): the gate's verdicts do not
/// change with it.
/// </summary>
internal sealed class SubtractiveRandom
{
    private readonly int[] _seedArray = new int[56];
    private int _inext;
    private int _inextp = 21;

    /// <summary>The generator <c>new System.Random(seed)</c> is.</summary>
    public SubtractiveRandom(int seed)
    {
        int[] seedArray = _seedArray;
        int subtraction = seed == int.MinValue ? int.MaxValue : Math.Abs(seed);
        int mj = 161803398 - subtraction;
        seedArray[55] = mj;
        int mk = 1, ii = 0;
        for (int i = 1; i < 55; i++)
        {
            if ((ii += 21) >= 55)
                ii -= 55;
            seedArray[ii] = mk;
            mk = mj - mk;
            if (mk < 0)
                mk += int.MaxValue;
            mj = seedArray[ii];
        }
        for (int k = 1; k < 5; k++)
        {
            for (int i = 1; i < 56; i++)
            {
                int n = i + 30;
                if (n >= 55)
                    n -= 55;
                seedArray[i] -= seedArray[1 + n];
                if (seedArray[i] < 0)
                    seedArray[i] += int.MaxValue;
            }
        }
    }

    /// <summary>
    /// One bootstrap resample's sum: <paramref name="values"/>[a draw below values.Length] added up values.Length times, in draw
    /// order — the very sum a loop over <c>System.Random(seed).Next(values.Length)</c> gives, with the generator's state in locals (registers) for the
    /// whole resample rather than read and written through fields per draw.
    /// </summary>
    public double SumOfResample(double[] values)
    {
        int[] seedArray = _seedArray;
        int inext = _inext, inextp = _inextp, n = values.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (++inext >= 56)
                inext = 1;
            if (++inextp >= 56)
                inextp = 1;
            int value = seedArray[inext] - seedArray[inextp];
            if (value == int.MaxValue)
                value--;
            if (value < 0)
                value += int.MaxValue;
            seedArray[inext] = value;
            sum += values[(int)(value * (1.0 / int.MaxValue) * n)];
        }
        _inext = inext;
        _inextp = inextp;
        return sum;
    }
}
