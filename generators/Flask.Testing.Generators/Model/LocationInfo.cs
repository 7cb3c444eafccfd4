namespace Flask.Testing.Generators.Model;

/// <summary>
/// A place in a rubric file (0-based lines and columns, as Roslyn's), kept as plain values so pipeline models stay
/// equatable and hold no Roslyn objects; the generator makes a Roslyn <c>Location</c> of it at its edge.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static LocationInfo FileStart(string filePath) => new(filePath, 0, 0, 0, 0, 0, 0);

    /// <summary>No place in a file (a project setting): reported without a location.</summary>
    public static LocationInfo None { get; } = new(string.Empty, 0, 0, 0, 0, 0, 0);
}
