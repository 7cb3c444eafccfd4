namespace Flask.Testing;

/// <summary>One key and value of a score dictionary as the judge wrote them.</summary>
/// <param name="Key">The key, without quotes.</param>
/// <param name="Value">The value, without quotes.</param>
/// <param name="Quoted">Whether the value was a string literal (read as Python's <c>float()</c> reads a string).</param>
internal sealed record DictEntry(string Key, string Value, bool Quoted)
{
    /// <summary>How <see cref="ScoreValue"/> reads the value.</summary>
    public ScoreSource Source => Quoted ? ScoreSource.String : ScoreSource.Literal;
}
