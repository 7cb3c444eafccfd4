using Flask.Testing.Generators.Diagnostics;

namespace Flask.Testing.Generators.Model;

/// <summary>A diagnostic waiting to be reported: a rule from <see cref="FlaskDiagnostics"/>, a place and its message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticRule Rule, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticRule rule, LocationInfo location, params string[] arguments) =>
        new(rule, location, arguments.ToEquatableArray());

    /// <summary>The message with its arguments, as the compiler shows it.</summary>
    public string GetMessage() => Rule.Format(Arguments);
}
