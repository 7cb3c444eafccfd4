namespace Flask.Testing.Generators.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown page: the file (repo-relative, with '/'), the line of its first code line
/// (1-based), the fence's info string (<c>csharp</c>, <c>csharp fragment</c>, <c>yaml</c>, …) and its text.
/// </summary>
internal sealed record DocCodeBlock(string File, int Line, string Info, string Code)
{
    /// <summary>The block's language: the info string's first word, lower-case.</summary>
    public string Language => Info.Split(' ', 2)[0].ToLowerInvariant();

    /// <summary>A C# block (<c>csharp</c> or <c>cs</c>).</summary>
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    /// <summary>
    /// Marked as a deliberate fragment (<c>```csharp fragment</c>): shown, not compiled. The marker is the only way out
    /// of compiling, so every exception is visible in the page's source.
    /// </summary>
    public bool IsFragment => Info.Split(' ', System.StringSplitOptions.RemoveEmptyEntries) is [_, .., var last] && last == "fragment";

    /// <summary>Where the block starts, as a reader finds it: <c>docs/testing.md:12</c>.</summary>
    public override string ToString() => $"{File}:{Line}";
}
