using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Linq;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flask.Testing;

/// <summary>
/// The YAML case format of data sets: a list of cases, each a mapping of <c>id</c>, <c>instruction</c>,
/// <c>reference</c>, <c>skills</c>, <c>domains</c>, <c>difficulty</c>, <c>task</c>, <c>min_score</c> and <c>rubric</c>
/// (skill → <c>checklist</c> and/or <c>scoring</c> 1 to 5), the same members as a FLASK JSONL line. Each item is a
/// <see cref="FlaskInstance"/> or a one-line error at the line of what is wrong (an unknown key, a value of the wrong
/// kind, a missing instruction); a YAML syntax error is one error at its line and ends the file.
/// </summary>
internal static partial class YamlCaseReader
{
    private static readonly string[] Keys = ["id", "instruction", "reference", "skills", "domains", "difficulty", "task", "min_score", "rubric"];

    /// <summary>Whether <paramref name="path"/> is read as YAML (<c>.yaml</c>, <c>.yml</c>) rather than JSONL.</summary>
    public static bool IsYaml(string path) => Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml";

    /// <summary>The items of <paramref name="path"/>: each an instance, or where it is wrong and why.</summary>
    public static IEnumerable<(string Where, FlaskInstance? Instance, string? Error)> Read(string path)
    {
        // Read once, strictly: a StreamReader would read bytes that are not UTF-8 as U+FFFD. The file is one document,
        // so its first such line is the file's error. Lines are joined with '\n', so YAML's line numbers stay the file's.
        var text = new StringBuilder();
        foreach (var (number, line, notUtf8) in Utf8Lines.Read(path))
        {
            if (notUtf8 is not null)
            {
                yield return (At(path, number), null, notUtf8);
                yield break;
            }
            text.Append(line).Append('\n');
        }
        var stream = new YamlStream();
        string? syntaxError = null;
        long syntaxLine = 1;
        using (var reader = new StringReader(text.ToString()))
        {
            var scanner = new Scanner(reader);
            try
            {
                stream.Load(new Parser(scanner));
            }
            catch (YamlException e)
            {
                syntaxError = $"malformed YAML: {OneLine(e)}";
                syntaxLine = e.Start.Line;
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner can fail without a YamlException (an unclosed flow list before a "key: value"
                // line, as the rubric parser knows too); where the scanner stopped is where the YAML is broken.
                syntaxError = "malformed YAML: it cannot be read from here on (check brackets, quotes and indentation)";
                syntaxLine = scanner.CurrentPosition.Line;
            }
        }
        if (syntaxError is not null)
        {
            yield return (At(path, syntaxLine), null, syntaxError);
            yield break;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            yield break;
        if (stream.Documents[0].RootNode is not YamlSequenceNode items)
        {
            yield return (At(path, stream.Documents[0].RootNode.Start.Line), null, "expected a list of cases ('- id: …' with 'instruction', 'skills', …)");
            yield break;
        }
        int position = 0;
        foreach (YamlNode node in items)
        {
            position++;
            FlaskInstance? instance = null;
            string? error = null;
            long line = node.Start.Line;
            try
            {
                instance = Case(node, position, At(path, line));
            }
            catch (ItemException e)
            {
                error = e.Message;
                line = e.Line;
            }
            yield return (At(path, line), instance, error);
        }
    }

    private static FlaskInstance Case(YamlNode node, int position, string where)
    {
        if (node is not YamlMappingNode item)
            throw new ItemException(node, $"a case must be a mapping of {string.Join(", ", Keys.Take(4))}, …, not {Kind(node)}");
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in item.Children)
        {
            string name = key is YamlScalarNode { Value: { } k } ? k : throw new ItemException(key, $"a key must be a text, not {Kind(key)}");
            if (!Keys.Contains(name, StringComparer.Ordinal))
                throw new ItemException(key, $"unknown key '{name}'" + (ClosestMatch.Find(name, Keys) is { } near ? $" (did you mean '{near}'?)" : $" (known: {string.Join(", ", Keys)})"));
            fields[name] = value;
        }
        string? Text(string key) => fields.TryGetValue(key, out YamlNode? v) ? Scalar(v, key) : null;
        IReadOnlyList<string> List(string key) => fields.TryGetValue(key, out YamlNode? v) ? Strings(v, key) : [];
        return new FlaskInstance
        {
            Id = Text("id") ?? position.ToString(CultureInfo.InvariantCulture),
            Instruction = Text("instruction") is { Length: > 0 } instruction ? instruction : throw new ItemException(item, "'instruction' is missing or empty"),
            Reference = Text("reference"),
            Skills = List("skills"),
            Domains = List("domains"),
            Difficulty = Text("difficulty"),
            Task = Text("task"),
            MinScore = fields.TryGetValue("min_score", out YamlNode? min) ? Number(min, "min_score") : null,
            Rubrics = fields.TryGetValue("rubric", out YamlNode? rubric) ? Rubrics(rubric) : new Dictionary<string, InstanceRubric>(),
            Source = where,
        };
    }

    /// <summary>A text value; null for YAML's null (<c>~</c>, <c>null</c> or nothing).</summary>
    private static string? Scalar(YamlNode node, string field) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode s => s.Value,
        _ => throw new ItemException(node, $"'{field}' must be a text, not {Kind(node)}"),
    };

    private static string[] Strings(YamlNode node, string field) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(e => e is YamlScalarNode { Value: { } s } ? s : throw new ItemException(e, $"'{field}' must hold texts, not {Kind(e)}"))],
        _ => Scalar(node, field) is { } one ? [one] : [],
    };

    private static double? Number(YamlNode node, string field) => Scalar(node, field) is not { } text
        ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ItemException(node, $"'{field}' must be a number, not '{text}'");

    private static Dictionary<string, InstanceRubric> Rubrics(YamlNode node)
    {
        if (node is not YamlMappingNode rubric)
            throw new ItemException(node, $"'rubric' must be a mapping of skill → checklist and/or scoring, not {Kind(node)}");
        var rubrics = new Dictionary<string, InstanceRubric>(StringComparer.Ordinal);
        foreach (var (key, value) in rubric.Children)
        {
            string skill = key is YamlScalarNode { Value: { Length: > 0 } k } ? k : throw new ItemException(key, "a rubric's skill must be a text");
            string field = $"rubric.{skill}";
            if (value is not YamlMappingNode parts)
                throw new ItemException(value, $"'{field}' must be a mapping with 'checklist' and/or 'scoring', not {Kind(value)}");
            string[] checklist = [];
            ScoringRubric? scoring = null;
            foreach (var (partKey, part) in parts.Children)
            {
                switch ((partKey as YamlScalarNode)?.Value)
                {
                    case "checklist":
                        checklist = part is YamlSequenceNode ? Strings(part, $"{field}.checklist") : throw new ItemException(part, $"'{field}.checklist' must be a list of texts, not {Kind(part)}");
                        break;
                    case "scoring":
                        scoring = Scoring(part, $"{field}.scoring");
                        break;
                    default:
                        throw new ItemException(partKey, $"'{field}' has an unknown key '{(partKey as YamlScalarNode)?.Value}': a rubric has 'checklist' and/or 'scoring'");
                }
            }
            if (!rubrics.TryAdd(skill, new InstanceRubric { Checklist = checklist, Scoring = scoring }))
                throw new ItemException(key, $"'rubric' names '{skill}' twice");
        }
        return rubrics;
    }

    private static ScoringRubric Scoring(YamlNode node, string field)
    {
        if (node is not YamlMappingNode levels)
            throw new ItemException(node, $"'{field}' must be a mapping of scores 1 to 5, not {Kind(node)}");
        string Level(int score) =>
            levels.Children.TryGetValue(new YamlScalarNode(score.ToString(CultureInfo.InvariantCulture)), out YamlNode? v) && Scalar(v, $"{field}.{score}") is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw new ItemException(node, $"'{field}.{score}' is missing or empty: a scoring rubric describes each score 1 to 5");
        return new ScoringRubric(Level(1), Level(2), Level(3), Level(4), Level(5));
    }

    private static string At(string path, long line) => string.Create(CultureInfo.InvariantCulture, $"{path}:{line}");

    private static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "a text",
    };

    /// <summary>YamlDotNet's message without its "(Line: …) - (Line: …): " prefix (the location is given once, as path:line).</summary>
    private static string OneLine(YamlException e) => LocationPrefix().Replace(e.Message, string.Empty).Split('\n')[0].TrimEnd('\r');

    [GeneratedRegex(@"^\(Line: [^)]*\) - \(Line: [^)]*\): ")]
    private static partial Regex LocationPrefix();

    /// <summary>What is wrong with one item, at the line of the node at fault.</summary>
    private sealed class ItemException(YamlNode node, string message) : Exception(message)
    {
        public long Line { get; } = node.Start.Line;
    }
}
