namespace Flask.Testing;

/// <summary>The two messages of one FLASK judge request.</summary>
/// <param name="System">The system message.</param>
/// <param name="User">The user message: rubrics, instruction, optional reference answer and the response.</param>
public sealed record ReviewPrompt(string System, string User);
