using System.Collections.Generic;

namespace Flask.Cli.Json;

/// <summary>One line of <c>dotnet flask annotate</c>'s output: an instruction in FLASK's dataset format, with its labels.</summary>
internal sealed record AnnotatedInstanceLine(string Idx, string Instruction, string? Answer, IReadOnlyList<string> Skill, IReadOnlyList<string> Domain, string? Difficulty);
