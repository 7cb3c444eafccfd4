namespace Flask.Testing.Generators.Diagnostics;

/// <summary>How bad a <see cref="DiagnosticRule"/> is; the generator reports it as Roslyn's severity of the same name.</summary>
internal enum RuleSeverity
{
    /// <summary>For information (a rubric that replaces a default one).</summary>
    Info,

    /// <summary>A likely mistake that does not stop the build (an unknown field).</summary>
    Warning,

    /// <summary>The rubric or set cannot be used: the build, or the CLI, stops.</summary>
    Error,
}
