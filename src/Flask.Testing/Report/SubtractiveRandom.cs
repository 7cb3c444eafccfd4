using System;

namespace Flask.Testing;

/// <summary>
/// The very sequence of <c>new System.Random(seed).Next(maxValue)</c> (.NET's seeded generator: Knuth's subtractive
/// generator, kept unchanged since .NET Framework so that a seed's sequence can be relied on), written out so that the
/// gate's bootstrap draws its 10,000 × n indices without two virtual calls per draw. Same arithmetic in the same order,
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

    /// <summary>What <c>System.Random.Next(maxValue)</c> returns next: 0 ≤ result &lt; <paramref name="maxValue"/>.</summary>
    public int Next(int maxValue) => (int)(InternalSample() * (1.0 / int.MaxValue) * maxValue);

    private int InternalSample()
    {
        int inext = _inext, inextp = _inextp;
        if (++inext >= 56)
            inext = 1;
        if (++inextp >= 56)
            inextp = 1;
        int[] seedArray = _seedArray;
        int value = seedArray[inext] - seedArray[inextp];
        if (value == int.MaxValue)
            value--;
        if (value < 0)
            value += int.MaxValue;
        seedArray[inext] = value;
        _inext = inext;
        _inextp = inextp;
        return value;
    }
}
