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
/// Reads one rubric file (format v1) into a <see cref="RubricModel"/>, collecting a located diagnostic for every
/// problem instead of stopping at the first. Never throws for any input text.
/// </summary>
internal static class RubricParser
{
    public const string Id = "id";
    public const string Name = "name";
    public const string Ability = "ability";
    public const string Aliases = "aliases";
    public const string Description = "description";
    public const string Criteria = "criteria";
    public const string Scoring = "scoring";

    /// <summary>The fields of rubric format v1, in the order they are documented.</summary>
    public static readonly string[] KnownFields = [Id, Name, Ability, Aliases, Description, Criteria, Scoring];

    /// <summary>
    /// Names a skill cannot have as id: the generated classes and their own members, and the members every class inherits
    /// from <see cref="object"/> (a skill property or constant named so would hide one, a warning and so an error).
    /// </summary>
    private static readonly string[] ReservedIds =
    [
        "All", "Catalog", "Find", "Get", "InAbility", "FlaskSkills", "FlaskSkillIds",
        "Equals", "Finalize", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
    ];

    /// <param name="filePath">The file's path, for locations.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="isDefault">Whether the file is one of the default FLASK rubrics.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="source">The package id of the rubric library the file comes from, if any.</param>
    public static ParsedRubric Parse(string filePath, string? text, bool isDefault, CancellationToken cancellationToken = default, string? source = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        RubricModel? rubric = ReadYaml(filePath, text, "a rubric file", FlaskDiagnostics.InvalidYaml, diagnostics,
            stream => Read(filePath, stream, isDefault, diagnostics), cancellationToken);
        return new ParsedRubric(rubric is null ? null : rubric with { Source = source }, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Loads <paramref name="text"/> as YAML under <see cref="RubricLimits"/> and hands it to <paramref name="read"/>.
    /// A file over the size limit, or YAML that cannot be read, is <paramref name="invalid"/> at the place it broke.
    /// Returns what <paramref name="read"/> made, or null when any error was reported. Shared by every YAML file kind
    /// the generator reads (rubrics, evaluator sets), so all are bounded and located the same way.
    /// </summary>
    internal static T? ReadYaml<T>(string filePath, string? text, string fileKind, DiagnosticRule invalid, List<DiagnosticInfo> diagnostics,
        Func<YamlStream, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        text ??= string.Empty;
        if (text.Length > RubricLimits.MaxFileLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(invalid, LocationInfo.FileStart(filePath),
                $"the file has {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; {fileKind} may have at most " +
                $"{RubricLimits.MaxFileLength.ToString("N0", CultureInfo.InvariantCulture)}"));
            return null;
        }
        var scanner = new Scanner(new StringReader(text));
        T? value = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new BoundedParser(new Parser(scanner)));
            cancellationToken.ThrowIfCancellationRequested();
            value = read(stream);
        }
        catch (YamlException e)
        {
            diagnostics.Add(DiagnosticInfo.Create(invalid, At(filePath, e.Start, e.End), Message(e)));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // YamlDotNet's scanner can fail without a YamlException (e.g. an unclosed flow list before a "key: value"
            // line); where the scanner stopped is where the YAML is broken. A build error beats a generator crash.
            Mark at = scanner.CurrentPosition;
            diagnostics.Add(DiagnosticInfo.Create(invalid, At(filePath, at, at),
                "the YAML cannot be read from here on (check brackets, quotes and indentation)"));
        }
        bool hasErrors = diagnostics.Any(d => d.Rule.Severity == RuleSeverity.Error);
        return hasErrors ? null : value;
    }

    private static RubricModel? Read(string filePath, YamlStream stream, bool isDefault, List<DiagnosticInfo> diagnostics)
    {

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            string found = stream.Documents.Count switch
            {
                0 => "the file is empty",
                1 => $"found a {Describe(stream.Documents[0].RootNode)}",
                _ => $"found {stream.Documents.Count} documents",
            };
            LocationInfo where = stream.Documents.Count > 1
                ? At(filePath, stream.Documents[1].RootNode.Start, stream.Documents[1].RootNode.End)
                : stream.Documents.Count == 1 ? At(filePath, stream.Documents[0].RootNode) : LocationInfo.FileStart(filePath);
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.NotAMapping, where, found));
            return null;
        }

        var fields = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var entry in root.Children)
        {
            string key = entry.Key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
            if (Array.IndexOf(KnownFields, key) < 0)
            {
                string? closest = ClosestMatch.Find(key, KnownFields);
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.UnknownField, At(filePath, entry.Key), key,
                    closest is null ? $"; known fields are {string.Join(", ", KnownFields)}" : $"; did you mean '{closest}'?"));
                continue;
            }
            fields[key] = (entry.Key, entry.Value);
        }

        LocationInfo rootStart = At(filePath, root.Start, root.Start);
        string? id = RequiredText(filePath, fields, Id, rootStart, diagnostics);
        string? name = RequiredText(filePath, fields, Name, rootStart, diagnostics);
        string? ability = RequiredText(filePath, fields, Ability, rootStart, diagnostics);
        string? criteria = RequiredText(filePath, fields, Criteria, rootStart, diagnostics);
        string? description = OptionalText(filePath, fields, Description, diagnostics);
        string[]? aliases = ReadAliases(filePath, fields, diagnostics);
        string[]? scoring = ReadScoring(filePath, fields, rootStart, diagnostics);

        LocationInfo idLocation = fields.TryGetValue(Id, out var idField) ? At(filePath, idField.Value) : rootStart;
        if (id is not null)
            CheckIdentifier(id, idLocation, diagnostics);

        if (id is null || name is null || ability is null || criteria is null || aliases is null || scoring is null)
            return null;

        return new RubricModel(id, name, ability, criteria, scoring.ToEquatableArray(), aliases.ToEquatableArray(),
            description, Path.GetFileName(filePath), isDefault, idLocation);
    }

    private static void CheckIdentifier(string id, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        // C# ignores formatting characters in identifiers: "cl\u00ADass" is the keyword class, so check what C# reads.
        string identifier = Emit.CSharp.Identifier(id);
        string? problem =
            id.Length > RubricLimits.MaxIdLength ? $"is {id.Length.ToString(CultureInfo.InvariantCulture)} characters long; an id may have at most {RubricLimits.MaxIdLength}"
            : !CSharpNames.IsValidIdentifier(id) ? "is not a valid C# identifier (letters, digits and '_', not starting with a digit)"
            : CSharpNames.IsKeyword(identifier)
                ? "is a C# keyword; choose another identifier"
            : Array.IndexOf(ReservedIds, identifier) >= 0 ? $"is reserved for the generated catalog ({string.Join(", ", ReservedIds)})"
            : null;
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidId, location, id, problem));
    }

    private static string? RequiredText(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string field,
        LocationInfo missingAt, List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(field, out var entry))
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.MissingField, missingAt, field));
            return null;
        }
        string? value = Text(filePath, field, entry.Value, "a text", diagnostics);
        if (value is { Length: 0 })
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.MissingField, At(filePath, entry.Key), field));
            return null;
        }
        return value;
    }

    private static string? OptionalText(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string field,
        List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(field, out var entry))
            return null;
        string? value = Text(filePath, field, entry.Value, "a text", diagnostics);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The text of a scalar, "" for a YAML null, or null (with FLASK007) when the node is not a scalar.</summary>
    private static string? Text(string filePath, string field, YamlNode node, string expected, List<DiagnosticInfo> diagnostics)
    {
        if (node is not YamlScalarNode scalar)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.WrongFieldType, At(filePath, node), field, $"{expected}, not a {Describe(node)}"));
            return null;
        }
        if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
            return string.Empty;
        string value = scalar.Value!;
        int control = IndexOfControl(value);
        if (control >= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.ControlCharacter, At(filePath, node), field,
                "U+" + ((int)value[control]).ToString("X4", CultureInfo.InvariantCulture), (control + 1).ToString(CultureInfo.InvariantCulture)));
            return null;
        }
        return value;
    }

    /// <summary>Where a text holds a control character other than a tab or a line break (CR, LF, NEL), or -1.</summary>
    internal static int IndexOfControl(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\u0085'))
                return i;
        }
        return -1;
    }

    private static string[]? ReadAliases(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(Aliases, out var entry) || entry.Value is YamlScalarNode { } nullNode && IsNull(nullNode))
            return [];
        if (entry.Value is not YamlSequenceNode sequence)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.WrongFieldType, At(filePath, entry.Value), Aliases,
                $"a list of names such as [robustness], not a {Describe(entry.Value)}"));
            return null;
        }
        var aliases = new List<string>();
        bool valid = true;
        foreach (YamlNode item in sequence.Children)
        {
            string? alias = Text(filePath, Aliases, item, "a list of names", diagnostics);
            if (alias is null)
                valid = false;
            else if (alias.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.MissingField, At(filePath, item), "aliases[]"));
                valid = false;
            }
            else
                aliases.Add(alias);
        }
        return valid ? aliases.ToArray() : null;
    }

    private static string[]? ReadScoring(string filePath, Dictionary<string, (YamlNode Key, YamlNode Value)> fields,
        LocationInfo missingAt, List<DiagnosticInfo> diagnostics)
    {
        if (!fields.TryGetValue(Scoring, out var entry))
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.MissingField, missingAt, Scoring));
            return null;
        }
        if (entry.Value is not YamlMappingNode levels)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.WrongFieldType, At(filePath, entry.Value), Scoring,
                $"a mapping of the levels 1 to 5 to their descriptions, not a {Describe(entry.Value)}"));
            return null;
        }

        var texts = new string?[5];
        bool valid = true;
        foreach (var level in levels.Children)
        {
            string key = level.Key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : Describe(level.Key);
            if (key.Length != 1 || key[0] < '1' || key[0] > '5')
            {
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidScoringLevels, At(filePath, level.Key), $"'{key}' is not a level"));
                valid = false;
                continue;
            }
            string? description = Text(filePath, $"{Scoring}.{key}", level.Value, "a text", diagnostics);
            if (description is { Length: 0 })
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.MissingField, At(filePath, level.Key), $"{Scoring}.{key}"));
            if (string.IsNullOrEmpty(description))
                valid = false;
            texts[key[0] - '1'] = description;
        }

        string[] missing = Enumerable.Range(1, 5).Where(i => !levels.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (missing.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.InvalidScoringLevels, At(filePath, entry.Key),
                $"level{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} missing"));
            valid = false;
        }
        return valid ? texts.Select(t => t!).ToArray() : null;
    }

    internal static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        YamlScalarNode => "text",
        _ => "alias",
    };

    internal static string Message(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: 2, Col: 1, Idx: 5) - (…): "; the diagnostic's location says that already.
        string message = e.Message;
        int separator = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(", StringComparison.Ordinal) && separator > 0 ? message.Substring(separator + 3) : message;
    }

    internal static LocationInfo At(string filePath, YamlNode node) => At(filePath, node.Start, node.End);

    internal static LocationInfo At(string filePath, Mark start, Mark end)
    {
        // YamlDotNet marks are 1-based; Roslyn's line positions are 0-based. A mark of 0 means "unknown".
        int startLine = Math.Max(0, (int)start.Line - 1), startColumn = Math.Max(0, (int)start.Column - 1);
        int endLine = Math.Max(0, (int)end.Line - 1), endColumn = Math.Max(0, (int)end.Column - 1);
        if (endLine < startLine || (endLine == startLine && endColumn < startColumn))
            (endLine, endColumn) = (startLine, startColumn);
        int startIndex = (int)Math.Max(0, start.Index);
        int length = (int)Math.Max(0, end.Index - start.Index);
        return new LocationInfo(filePath, startIndex, length, startLine, startColumn, endLine, endColumn);
    }
}
