namespace Flask.Testing.Generators.Parse;

/// <summary>
/// How big a rubric may be. Rubric files come from pull requests and shared packages and are read inside the compiler,
/// so hostile input must cost little: these bounds are checked before and while the YAML is read (FLASK001, FLASK005).
/// A FLASK rubric is about 2,000 characters, 3 levels deep and uses no aliases; the limits are far above that.
/// </summary>
internal static class RubricLimits
{
    /// <summary>The most characters a rubric file may have.</summary>
    public const int MaxFileLength = 256 * 1024;

    /// <summary>The most collections (mappings and lists) that may be nested inside one another.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most nodes a file may hold, counting each alias as the nodes it stands for (no "billion laughs").</summary>
    public const int MaxNodes = 10_000;

    /// <summary>The longest skill id; ids name generated classes and members.</summary>
    public const int MaxIdLength = 128;
}
