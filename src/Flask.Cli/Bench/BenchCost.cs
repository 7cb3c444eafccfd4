using System.Globalization;
using Flask.Testing.Pricing;

namespace Flask.Cli.Bench;

/// <summary>The cost lines of bench: the dry run's estimate and the run's cost, from tokens and the judge model's price.</summary>
internal static class BenchCost
{
    /// <summary>The dry run's cost: the estimated prompt tokens and the most output tokens the judge may write, at the judge model's price.</summary>
    public static string Estimate(PriceTable prices, string? judgeModel, long inputTokens, long maxOutputTokens)
    {
        if (judgeModel is null)
            return "Cost: no judge model given (--judge-model or FLASK_JUDGE_MODEL), so tokens only.";
        if (prices.Find(judgeModel) is not { } price)
            return $"Cost: no price for model {judgeModel}, so tokens only (add it with --prices or FLASK_PRICES).";
        decimal prompts = price.Cost(inputTokens, 0), most = price.Cost(inputTokens, maxOutputTokens);
        return string.Create(CultureInfo.InvariantCulture,
            $"Cost with judge {judgeModel}: about {PriceTable.Dollars(prompts)} for the prompts, at most {PriceTable.Dollars(most)} with the output " +
            $"(${price.Input:0.00###} / ${price.Output:0.00###} per million input / output tokens; {Source(prices)}).");
    }

    /// <summary>The cost of the tokens the judge reported in this run.</summary>
    public static string Run(PriceTable prices, string? judgeModel, long inputTokens, long outputTokens) =>
        judgeModel is null
            ? string.Create(CultureInfo.InvariantCulture, $"Cost: {inputTokens:N0} input + {outputTokens:N0} output tokens, no judge model named, so no price.")
            : $"Cost: {prices.Describe(judgeModel, inputTokens, outputTokens)}" + (prices.Find(judgeModel) is not null ? $" (judge {judgeModel}; {Source(prices)})." : ".");

    private static string Source(PriceTable prices) => $"list prices of {prices.AsOf} unless overridden; prices change";
}
