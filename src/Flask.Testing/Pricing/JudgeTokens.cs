using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing.Pricing;

/// <summary>
/// A run's judge tokens per judge model, as its results record them, and what they cost at a <see cref="PriceTable"/>:
/// the one cost of a set of results (the report, a test run's summary). Money is derived here, never stored.
/// </summary>
internal sealed class JudgeTokens
{
    private readonly SortedDictionary<string, (long Input, long Output)> _byJudge = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="response"/>'s tokens under its judge model ("" when it records none).</summary>
    public void Add(ScoredResponse response)
    {
        var (input, output) = _byJudge.GetValueOrDefault(response.JudgeModel);
        _byJudge[response.JudgeModel] = (input + response.InputTokens, output + response.OutputTokens);
    }

    /// <summary>
    /// What the tokens cost at <paramref name="prices"/>: "$0.42", or per judge model without a price its tokens and
    /// "no price for model X" (never a number that was not derived from a price).
    /// </summary>
    public string Cost(PriceTable prices)
    {
        if (_byJudge.Count == 0)
            return "nothing (no judge calls)";
        decimal? priced = null;
        var unpriced = new List<string>();
        foreach (var (judge, (input, output)) in _byJudge)
        {
            if (judge.Length > 0 && prices.Find(judge) is { } price)
                priced = (priced ?? 0) + price.Cost(input, output);
            else
                unpriced.Add(prices.Describe(judge, input, output));
        }
        return string.Join("; ", (priced is { } usd ? [PriceTable.Dollars(usd)] : Array.Empty<string>()).Concat(unpriced));
    }

    /// <summary>The cost in US dollars when every judge model is priced (0 for no judge calls); null when one is not.</summary>
    public decimal? Usd(PriceTable prices)
    {
        decimal total = 0;
        foreach (var (judge, (input, output)) in _byJudge)
        {
            if (judge.Length == 0 || prices.Find(judge) is not { } price)
                return null;
            total += price.Cost(input, output);
        }
        return total;
    }
}
