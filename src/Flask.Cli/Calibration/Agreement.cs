using System;
using System.Linq;
using MathNet.Numerics.Statistics;

namespace Flask.Cli.Calibration;

/// <summary>Agreement of judge and human scores for one skill: Pearson, Spearman and Kendall's tau-b.</summary>
internal sealed record Agreement(string Skill, int Pairs, double? Pearson, double? Spearman, double? KendallTau)
{
    public static Agreement Of(string skill, double[] judge, double[] human)
    {
        if (judge.Length < 3 || Constant(judge) || Constant(human))
            return new Agreement(skill, judge.Length, null, null, null);
        return new Agreement(skill, judge.Length, Correlation.Pearson(judge, human), Correlation.Spearman(judge, human), KendallTauB(judge, human));
    }

    private static bool Constant(double[] values) => values.Distinct().Count() < 2;

    /// <summary>Kendall's tau-b, which corrects for the many ties of 1..5 scores.</summary>
    private static double KendallTauB(double[] x, double[] y)
    {
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = i + 1; j < x.Length; j++)
            {
                int dx = Math.Sign(x[i] - x[j]), dy = Math.Sign(y[i] - y[j]);
                if (dx == 0 && dy == 0)
                    continue;
                if (dx == 0)
                    tiesX++;
                else if (dy == 0)
                    tiesY++;
                else if (dx == dy)
                    concordant++;
                else
                    discordant++;
            }
        }
        double denominator = Math.Sqrt((double)(concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return denominator == 0 ? 0 : (concordant - discordant) / denominator;
    }
}
