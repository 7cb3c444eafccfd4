using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// The FLASKnnn rules are plain values shared with the CLI and become Roslyn descriptors only at the generator's edge,
/// where Roslyn's release-tracking analyzer cannot read them (RS2002 is off): this test does its check instead. Every
/// rule is listed in AnalyzerReleases.Shipped.md or AnalyzerReleases.Unshipped.md with its category, severity and
/// title, and every listed id is a rule.
/// </summary>
public sealed class AnalyzerReleaseTests
{
    [Fact]
    public void The_release_files_list_every_rule_with_its_category_severity_and_title()
    {
        string[] listed = [.. new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(RepoPaths.Root, "generators", "Flask.Testing.Generators", file)))
            .Where(line => line.StartsWith("FLASK", StringComparison.Ordinal))
            .Select(line => string.Join(" | ", line.Split('|').Select(cell => cell.Trim())))
            .Order(StringComparer.Ordinal)];

        string[] rules = [.. typeof(FlaskDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (DiagnosticRule)field.GetValue(null)!)
            .Select(rule => $"{rule.Id} | {rule.Category} | {rule.Severity} | {rule.Title}")
            .Order(StringComparer.Ordinal)];

        Assert.Equal(rules, listed);
    }
}
