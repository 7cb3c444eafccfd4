namespace Flask.Testing.Pricing;

/// <summary>What a model charges, in US dollars per million tokens.</summary>
/// <param name="Input">Per million prompt (input) tokens.</param>
/// <param name="Output">Per million output tokens.</param>
internal sealed record ModelPrice(decimal Input, decimal Output)
{
    /// <summary>The cost of <paramref name="inputTokens"/> prompt and <paramref name="outputTokens"/> output tokens, in US dollars.</summary>
    public decimal Cost(long inputTokens, long outputTokens) => (inputTokens * Input + outputTokens * Output) / 1_000_000m;
}
