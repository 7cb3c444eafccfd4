namespace Flask.Testing;

/// <summary>Where a score's text comes from: it decides which spellings are read as a score.</summary>
internal enum ScoreSource
{
    /// <summary>An unquoted value in a score dictionary: a Python number literal as <c>ast.literal_eval</c> reads it (<c>4</c>, <c>4.0</c>, <c>3e0</c>, <c>+3</c>, <c>(5)</c>, <c>0x4</c>).</summary>
    Literal,

    /// <summary>A quoted value in a score dictionary: a number as Python's <c>float()</c> reads a string (<c>"4"</c>, <c>" 4.0 "</c>).</summary>
    String,

    /// <summary>The rest of a review line after <c>Skill:</c> or <c>Score:</c>: only a score and nothing else.</summary>
    Line,
}
