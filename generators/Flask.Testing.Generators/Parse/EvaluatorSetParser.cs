using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flask.Testing.Generators.Parse;

/// <summary>
/// Reads one evaluator set file into an <see cref="EvaluatorSetModel"/>, with a located diagnostic for every problem.
/// Never throws for any input text; the YAML is read under the same limits as a rubric's (<see cref="RubricLimits"/>).
/// </summary>
internal static class EvaluatorSetParser
{
    public const string Name = "name";
    public const string Description = "description";
    public const string RequiresReference = "requiresReference";
    public const string Skills = "skills";

    /// <summary>The fields of an evaluator set file, in the order they are documented.</summary>
    public static readonly string[] KnownFields = [Name, Description, RequiresReference, Skills];

    /// <summary>The most skills one judge call takes (FlaskJudge.MaxSkillsPerRequest).</summary>
    public const int MaxSkills = 12;

    /// <param name="filePath">The file's path, for locations.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="source">The package id of the rubric library the file comes from, if any.</param>
    public static ParsedEvaluatorSet Parse(string filePath, string? text, CancellationToken cancellationToken = default, string? source = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        EvaluatorSetModel? set = RubricParser.ReadYaml(filePath, text, "an evaluator set file", FlaskDiagnostics.InvalidEvaluatorSet, diagnostics,
            stream => Read(filePath, stream, diagnostics), cancellationToken);
        return new ParsedEvaluatorSet(set is null ? null : set with { Source = source }, diagnostics.ToEquatableArray());
    }

    private static EvaluatorSetModel? Read(string filePath, YamlStream stream, List<DiagnosticInfo> diagnostics)
    {

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            LocationInfo where = stream.Documents.Count == 0 ? LocationInfo.FileStart(filePath) : RubricParser.At(filePath, stream.Documents[stream.Documents.Count > 1 ? 1 : 0].RootNode);
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, where, stream.Documents.Count switch
            {
                0 => "the file is empty; it must hold one YAML mapping with name and skills",
                1 => $"the file must hold one YAML mapping with name and skills, not a {RubricParser.Describe(stream.Documents[0].RootNode)}",
                _ => $"the file must hold one YAML mapping (one set per file), not {stream.Documents.Count} documents",
            }));
            return null;
        }

        var fields = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var entry in root.Children)
        {
            string key = entry.Key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
            if (Array.IndexOf(KnownFields, key) < 0)
            {
                string? closest = ClosestMatch.Find(key, KnownFields);
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.UnknownEvaluatorSetField, RubricParser.At(filePath, entry.Key), key,
                    closest is null ? $"; known fields are {string.Join(", ", KnownFields)}" : $"; did you mean '{closest}'?"));
                continue;
            }
            fields[key] = (entry.Key, entry.Value);
        }

        LocationInfo rootStart = RubricParser.At(filePath, root.Start, root.Start);
        string? name = ReadName(filePath, fields, rootStart, diagnostics);
        string? description = fields.TryGetValue(Description, out var descriptionField) ? Text(filePath, Description, descriptionField.Value, diagnostics) : null;
        bool? requiresReference = ReadFlag(filePath, fields, diagnostics);
        EvaluatorSetSkill[]? skills = ReadSkills(filePath, fields, rootStart, diagnostics);
        if (name is null || requiresReference is null || skills is null)
            return null;
        LocationInfo nameLocation = RubricParser.At(filePath, fields[Name].Value);
        return new EvaluatorSetModel(name, string.IsNullOrEmpty(description) ? null : description, requiresReference.Value,
            skills.ToEquatableArray(), Path.GetFileName(filePath), nameLocation);
    }

    private static string? ReadName(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, LocationInfo missingAt, List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(Name, out var entry))
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, missingAt, "the field 'name' is required (a C# identifier such as SupportAnswer)"));
            return null;
        }
        string? name = Text(filePath, Name, entry.Value, diagnostics);
        if (name is null)
            return null;
        string? problem =
            name.Length == 0 ? "is empty"
            : name.Length > RubricLimits.MaxIdLength ? $"is {name.Length.ToString(CultureInfo.InvariantCulture)} characters long; a name may have at most {RubricLimits.MaxIdLength}"
            : !CSharpNames.IsValidIdentifier(name) || Emit.CSharp.Identifier(name) != name ? "is not a valid C# identifier (letters, digits and '_', not starting with a digit)"
            : CSharpNames.IsKeyword(name) ? "is a C# keyword"
            : null;
        if (problem is null)
            return name;
        diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, RubricParser.At(filePath, entry.Value),
            $"the name '{name}' {problem}; it names the classes <name>Evaluator and <name>Scores"));
        return null;
    }

    private static bool? ReadFlag(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(RequiresReference, out var entry))
            return false;
        if (entry.Value is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value })
        {
            if (value is "true" or "True" or "TRUE")
                return true;
            if (value is "false" or "False" or "FALSE")
                return false;
        }
        diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, RubricParser.At(filePath, entry.Value),
            $"the field '{RequiresReference}' must be true or false"));
        return null;
    }

    private static EvaluatorSetSkill[]? ReadSkills(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, LocationInfo missingAt, List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(Skills, out var entry))
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, missingAt, "the field 'skills' is required (a mapping of skills to minimum scores, e.g. Factuality: 4)"));
            return null;
        }
        if (entry.Value is not YamlMappingNode mapping || mapping.Children.Count is 0 or > MaxSkills)
        {
            string found = entry.Value is YamlMappingNode m ? $"{m.Children.Count.ToString(CultureInfo.InvariantCulture)} skills" : $"a {RubricParser.Describe(entry.Value)}";
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, RubricParser.At(filePath, entry.Value),
                $"the field 'skills' must map 1 to {MaxSkills} skills to their minimum scores (e.g. Factuality: 4), not {found}"));
            return null;
        }
        var skills = new List<EvaluatorSetSkill>();
        bool valid = true;
        foreach (var skill in mapping.Children)
        {
            string? id = Text(filePath, Skills, skill.Key, diagnostics);
            if (string.IsNullOrEmpty(id))
            {
                if (id is not null)
                    diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, RubricParser.At(filePath, skill.Key), "a skill's name is empty"));
                valid = false;
                continue;
            }
            string written = skill.Value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : RubricParser.Describe(skill.Value);
            if (skill.Value is not YamlScalarNode ||
                !double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out double min) ||
                min is < 1 or > 5 || double.IsNaN(min))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.EvaluatorSetMinScore, RubricParser.At(filePath, skill.Value), id!, written));
                valid = false;
                continue;
            }
            skills.Add(new EvaluatorSetSkill(id!, id!, min, RubricParser.At(filePath, skill.Key)));
        }
        return valid ? skills.ToArray() : null;
    }

    /// <summary>The text of a scalar ("" for a YAML null), or null with FLASK020 when it is not a text or holds a control character.</summary>
    private static string? Text(string filePath, string field, YamlNode node, List<DiagnosticInfo> diagnostics)
    {
        if (node is not YamlScalarNode scalar)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, RubricParser.At(filePath, node), $"'{field}' must be a text, not a {RubricParser.Describe(node)}"));
            return null;
        }
        if (RubricParser.IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
            return string.Empty;
        string value = scalar.Value!;
        int control = RubricParser.IndexOfControl(value);
        if (control >= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidEvaluatorSet, RubricParser.At(filePath, node),
                $"'{field}' contains the control character U+{((int)value[control]).ToString("X4", CultureInfo.InvariantCulture)}; only tabs and line breaks are allowed"));
            return null;
        }
        return value;
    }
}
