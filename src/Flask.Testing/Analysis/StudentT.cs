using System;

namespace Flask.Testing.Analysis;

/// <summary>
/// The critical value of Student's t for a two-sided 95 % confidence interval, written out here (the regularized
/// incomplete beta function by Lentz's continued fraction, then bisection) so that the runtime does not depend on a
/// numerics library for one function. Tests compare it with MathNet.Numerics' <c>StudentT.InvCDF</c>.
/// </summary>
internal static class StudentT
{
    /// <summary>The 0.975 quantile of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        // The 0.975 quantile is at most 12.71 (one degree of freedom); bisection to the last bit of a double.
        double low = 0, high = 16;
        for (int i = 0; i < 64 && high - low > 0; i++)
        {
            double middle = (low + high) / 2;
            if (middle <= low || middle >= high)
                break;
            if (UpperTail(middle, degreesOfFreedom) > 0.025)
                low = middle;
            else
                high = middle;
        }
        return (low + high) / 2;
    }

    /// <summary>P(T &gt; t) for t ≥ 0: half the regularized incomplete beta I_x(ν/2, 1/2) at x = ν / (ν + t²).</summary>
    private static double UpperTail(double t, int degreesOfFreedom)
    {
        double nu = degreesOfFreedom;
        return 0.5 * RegularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
    }

    private static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
            return 0;
        if (x >= 1)
            return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    /// <summary>The continued fraction of the incomplete beta function (modified Lentz).</summary>
    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300, Epsilon = 1e-16;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 100_000; m++)
        {
            double m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + even / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + odd / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < Epsilon)
                break;
        }
        return h;
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(z) for z &gt; 0 (Lanczos, g = 7): about 15 significant digits.</summary>
    private static double LogGamma(double z)
    {
        if (z < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * z)) - LogGamma(1 - z);
        z -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
            sum += Lanczos[i] / (z + i);
        double t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
