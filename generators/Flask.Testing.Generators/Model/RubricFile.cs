namespace Flask.Testing.Generators.Model;

/// <summary>A rubric file selected for parsing: its path, its text, and whether it is a default FLASK rubric.</summary>
internal sealed record RubricFile(string Path, string Text, bool IsDefault);
