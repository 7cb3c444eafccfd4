namespace Flask.Testing.Generators.Model;

/// <summary>
/// A rubric or evaluator set file selected for parsing: its path, its text, whether it is a default FLASK rubric, and the
/// package id of the rubric library it comes from (null for the project's own files and the defaults).
/// </summary>
internal sealed record RubricFile(string Path, string Text, bool IsDefault, string? Source = null);
