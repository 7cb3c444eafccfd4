using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Flask.Cli.Commands;
using Flask.Testing;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Model;
using Flask.Testing.Generators.Parse;
using Flask.Testing.Generators.Resolve;

namespace Flask.Cli.Rubrics;

/// <summary>
/// The skills a command judges: FLASK's 12 rubrics plus a team's own from <c>--rubrics DIR</c>, read at run time by
/// the generator's own parser and resolver (shared source), so a rubric means the same in a build and in the CLI: a
/// rubric with a FLASK skill's id replaces it, and a broken one is the same located FLASKnnn error.
/// </summary>
internal static class RubricCatalog
{
    private const string ResourcePrefix = "Flask.Cli.rubrics.";

    /// <summary>The one <c>--rubrics DIR</c> option of every command that needs the skill catalog (bench, report, annotate, calibrate).</summary>
    public static Option<DirectoryInfo?> Option() => new("--rubrics")
    {
        Description = "A folder of your own rubric YAML files (e.g. BrandVoice), added to FLASK's 12; a rubric with a FLASK skill's id replaces it.",
    };

    /// <summary>The catalog the command's <paramref name="option"/> names (see <see cref="Load(DirectoryInfo?)"/>).</summary>
    /// <exception cref="CliException">The directory is missing, or a rubric has an error.</exception>
    public static SkillCatalog Load(ParseResult parse, Option<DirectoryInfo?> option) => Load(parse.GetValue(option));

    /// <summary>FLASK's 12 (the generated catalog) without a directory; else FLASK's 12 and the directory's <c>*.yaml</c>/<c>*.yml</c>.</summary>
    /// <exception cref="CliException">The directory is missing, or a rubric has an error: one line, <c>file:line:col: error FLASKnnn: message</c>.</exception>
    public static SkillCatalog Load(DirectoryInfo? directory)
    {
        if (directory is null)
            return FlaskSkills.Catalog;
        if (!directory.Exists)
            throw new CliException($"Rubrics directory not found: {directory.FullName}. Give --rubrics the folder that holds your *.yaml rubrics.");

        var parsed = ImmutableArray.CreateBuilder<ParsedRubric>();
        Assembly assembly = typeof(RubricCatalog).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            parsed.Add(RubricParser.Parse($"rubrics/{resource[ResourcePrefix.Length..]}", reader.ReadToEnd(), isDefault: true));
        }
        foreach (FileInfo file in directory.EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || f.Extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.FullName, StringComparer.Ordinal))
            parsed.Add(RubricParser.Parse(file.FullName, File.ReadAllText(file.FullName), isDefault: false));

        RubricSet set = RubricResolver.Resolve(parsed.ToImmutable());
        DiagnosticInfo[] found = [.. parsed.SelectMany(p => p.Diagnostics).Concat(set.Diagnostics)];
        DiagnosticInfo[] errors = [.. found.Where(d => d.Rule.Severity == RuleSeverity.Error)];
        if (errors.Length > 0)
            throw new CliException(Describe(errors[0]) + (errors.Length > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {errors.Length - 1} more error(s))") : string.Empty));
        foreach (DiagnosticInfo warning in found.Where(d => d.Rule.Severity == RuleSeverity.Warning))
            Console.Error.WriteLine($"dotnet flask: {Describe(warning)}");

        return new SkillCatalog(set.Skills.Select(ToSkill));
    }

    /// <summary>A diagnostic as the compiler's one line: where (1-based line and column), its severity, its FLASKnnn id and message.</summary>
    private static string Describe(DiagnosticInfo diagnostic)
    {
        string severity = diagnostic.Rule.Severity == RuleSeverity.Error ? "error" : "warning";
        string message = diagnostic.GetMessage();
        LocationInfo at = diagnostic.Location;
        string where = at.FilePath.Length == 0 ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"{at.FilePath}:{at.StartLine + 1}:{at.StartColumn + 1}: ");
        return $"{where}{severity} {diagnostic.Rule.Id}: {message}";
    }

    private static Skill ToSkill(RubricModel rubric) => new(
        rubric.Id, rubric.Name,
        Ability.Flask.FirstOrDefault(a => string.Equals(a.Name, rubric.Ability, StringComparison.Ordinal)) ?? new Ability(rubric.Ability),
        rubric.Criteria,
        new ScoringRubric(rubric.Scoring[0], rubric.Scoring[1], rubric.Scoring[2], rubric.Scoring[3], rubric.Scoring[4]),
        [.. rubric.Aliases], rubric.Description);
}
