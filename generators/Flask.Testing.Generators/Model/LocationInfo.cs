using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flask.Testing.Generators.Model;

/// <summary>A place in a rubric file, kept as plain values so pipeline models stay equatable and hold no Roslyn objects.</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static LocationInfo FileStart(string filePath) => new(filePath, 0, 0, 0, 0, 0, 0);

    /// <summary>No place in a file (a project setting): reported without a location.</summary>
    public static LocationInfo None { get; } = new(string.Empty, 0, 0, 0, 0, 0, 0);

    public Location ToLocation() => FilePath.Length == 0 ? Location.None : Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
