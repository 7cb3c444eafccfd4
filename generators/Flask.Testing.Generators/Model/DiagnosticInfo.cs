using Microsoft.CodeAnalysis;

namespace Flask.Testing.Generators.Model;

/// <summary>A diagnostic waiting to be reported: a descriptor from <see cref="Diagnostics.FlaskDiagnostics"/>, a place and its message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), [.. Arguments]);
}
