using System.Globalization;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests.Infrastructure;

/// <summary>Asserts a diagnostic's place as the IDE shows it (1-based line and column), for every diagnostics test.</summary>
internal static class LocatedDiagnostic
{
    /// <summary>Exactly one <paramref name="id"/> among <paramref name="diagnostics"/>, at <paramref name="path"/>:<paramref name="line"/>:<paramref name="column"/>, saying <paramref name="messagePart"/>.</summary>
    public static void AssertSingle(Diagnostic[] diagnostics, string id, int line, int column, string messagePart, string path)
    {
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal((path, line, column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
