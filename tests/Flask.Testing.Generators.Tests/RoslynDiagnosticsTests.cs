using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// The generator's edge: a shared <see cref="DiagnosticRule"/> becomes the descriptor it was before the rules left
/// Roslyn, and the message the CLI formats itself (<c>DiagnosticInfo.GetMessage</c>) is the compiler's, so a
/// broken rubric reads the same in a build and in <c>dotnet flask --rubrics</c>.
/// </summary>
public sealed class RoslynDiagnosticsTests
{
    private static DiagnosticRule[] Rules() => [.. typeof(FlaskDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (DiagnosticRule)field.GetValue(null)!)];

    [Fact]
    public void Every_rule_becomes_an_enabled_descriptor_with_its_id_texts_category_and_severity()
    {
        foreach (DiagnosticRule rule in Rules())
        {
            DiagnosticDescriptor descriptor = rule.ToDescriptor();
            Assert.Equal(
                (rule.Id, rule.Title, rule.MessageFormat, rule.Category, rule.Severity.ToString(), true, rule.Description),
                (descriptor.Id, descriptor.Title.ToString(CultureInfo.InvariantCulture), descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture),
                    descriptor.Category, descriptor.DefaultSeverity.ToString(), descriptor.IsEnabledByDefault, descriptor.Description.ToString(CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void The_CLI_message_is_the_compilers_for_generated_arguments()
    {
        // Arguments with braces, quotes, line breaks and non-ASCII text: what a hostile rubric could put in a message.
        const string Alphabet = "ab{}0'\"\n\u00E9\u4E2D :";
        var random = new Random(1129);
        var location = new LocationInfo("/app/rubrics/x.yaml", 3, 4, 1, 2, 1, 6);
        foreach (DiagnosticRule rule in Rules())
        {
            for (int i = 0; i < 200; i++)
            {
                string[] arguments = [.. Enumerable.Range(0, random.Next(0, 8)).Select(_ =>
                {
                    var text = new StringBuilder();
                    for (int j = random.Next(0, 10); j > 0; j--)
                        text.Append(Alphabet[random.Next(Alphabet.Length)]);
                    return text.ToString();
                })];
                // Too few arguments for the format included: Roslyn then shows the bare format, and so must the CLI.
                var info = DiagnosticInfo.Create(rule, location, arguments);
                Assert.Equal(info.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture), info.GetMessage());
            }
        }
    }

    [Fact]
    public void A_location_becomes_the_same_file_span_and_no_location_stays_none()
    {
        Location located = new LocationInfo("/app/rubrics/x.yaml", 10, 5, 2, 3, 2, 8).ToLocation();
        FileLinePositionSpan span = located.GetLineSpan();
        Assert.Equal(("/app/rubrics/x.yaml", 10, 5, 2, 3, 2, 8),
            (span.Path, located.SourceSpan.Start, located.SourceSpan.Length, span.StartLinePosition.Line, span.StartLinePosition.Character,
                span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal(Location.None, LocationInfo.None.ToLocation());
    }
}
