using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flask.Testing.Xunit;

/// <summary>
/// Reads instruction sets: JSONL in FLASK's format (<c>idx</c>, <c>instruction</c>, <c>answer</c>, <c>skill</c>,
/// <c>domain</c>, <c>difficulty</c>; optional <c>rubric</c>, <c>min_score</c>) or a YAML list of cases
/// (<c>id</c>, <c>instruction</c>, <c>reference</c>, <c>skills</c>, <c>rubric</c>, <c>min_score</c>). A malformed
/// item is an error naming the file and line.
/// </summary>
public static class FlaskCaseFile
{
    /// <summary>Reads every case of <paramref name="path"/> (.jsonl, .json lines, .yaml or .yml).</summary>
    /// <exception cref="InvalidDataException">An item is malformed; the message says where.</exception>
    public static IReadOnlyList<FlaskCase> Read(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        IReadOnlyList<FlaskCase> cases = extension is ".yaml" or ".yml" ? ReadYaml(path) : ReadJsonLines(path);
        string? duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1)?.Key;
        return duplicate is null ? cases : throw new InvalidDataException($"{path}: case id '{duplicate}' appears more than once.");
    }

    private static List<FlaskCase> ReadJsonLines(string path)
    {
        var cases = new List<FlaskCase>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
                continue;
            try
            {
                using JsonDocument json = JsonDocument.Parse(line);
                JsonElement item = json.RootElement;
                string id = item.TryGetProperty("idx", out JsonElement idx) || item.TryGetProperty("id", out idx)
                    ? idx.ValueKind == JsonValueKind.Number ? idx.GetRawText() : idx.GetString() ?? string.Empty
                    : number.ToString(CultureInfo.InvariantCulture);
                cases.Add(new FlaskCase(id, Required(item, "instruction"), Optional(item, "answer") ?? Optional(item, "reference"), Strings(item, "skill", "skills"))
                {
                    Domains = [.. Strings(item, "domain", "domains").Where(d => d != "-1")],
                    Difficulty = item.TryGetProperty("difficulty", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                    MinScore = item.TryGetProperty("min_score", out JsonElement min) ? min.GetDouble() : null,
                    Rubrics = item.TryGetProperty("rubric", out JsonElement rubric) ? JsonRubrics(rubric) : new Dictionary<string, InstanceRubric>(),
                    Source = $"{path}:{number}",
                });
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
            {
                throw new InvalidDataException($"{path}({number}): {e.Message}", e);
            }
        }
        return cases;
    }

    private static string Required(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"'{name}' is missing or not a text.");

    private static string? Optional(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement item, params string[] names)
    {
        foreach (string name in names)
        {
            if (item.TryGetProperty(name, out JsonElement value))
                return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(e => e.ToString())] : [value.ToString()];
        }
        return [];
    }

    private static Dictionary<string, InstanceRubric> JsonRubrics(JsonElement rubric) => rubric.EnumerateObject().ToDictionary(
        p => p.Name,
        p => new InstanceRubric
        {
            Checklist = p.Value.TryGetProperty("checklist", out JsonElement list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [],
            Scoring = p.Value.TryGetProperty("scoring", out JsonElement s)
                ? new ScoringRubric(s.GetProperty("1").GetString()!, s.GetProperty("2").GetString()!, s.GetProperty("3").GetString()!, s.GetProperty("4").GetString()!, s.GetProperty("5").GetString()!)
                : null,
        });

    private static List<FlaskCase> ReadYaml(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}({e.Start.Line},{e.Start.Column}): {e.Message}", e);
        }
        if (stream.Documents.Count == 0)
            return [];
        if (stream.Documents[0].RootNode is not YamlSequenceNode items)
            throw new InvalidDataException($"{path}(1,1): expected a list of cases.");
        var cases = new List<FlaskCase>();
        foreach (YamlNode node in items)
        {
            string where = $"{path}({node.Start.Line},{node.Start.Column})";
            if (node is not YamlMappingNode item)
                throw new InvalidDataException($"{where}: a case must be a mapping with id, instruction, reference, skills.");
            string? Text(string key) => item.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) && v is YamlScalarNode s ? s.Value : null;
            IEnumerable<string> List(string key) => item.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) && v is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty) : [];
            string instruction = Text("instruction") is { Length: > 0 } i ? i : throw new InvalidDataException($"{where}: 'instruction' is missing.");
            cases.Add(new FlaskCase(Text("id") ?? (cases.Count + 1).ToString(CultureInfo.InvariantCulture), instruction, Text("reference"), List("skills"))
            {
                Domains = [.. List("domains")],
                Difficulty = Text("difficulty"),
                MinScore = Text("min_score") is { } min ? double.Parse(min, CultureInfo.InvariantCulture) : null,
                Rubrics = item.Children.TryGetValue(new YamlScalarNode("rubric"), out YamlNode? r) && r is YamlMappingNode rubric ? YamlRubrics(rubric, where) : new Dictionary<string, InstanceRubric>(),
                Source = where,
            });
        }
        return cases;
    }

    private static Dictionary<string, InstanceRubric> YamlRubrics(YamlMappingNode rubric, string where) => rubric.Children.ToDictionary(
        p => ((YamlScalarNode)p.Key).Value!,
        p =>
        {
            var skill = p.Value as YamlMappingNode ?? throw new InvalidDataException($"{where}: rubric for '{p.Key}' must be a mapping with checklist and/or scoring.");
            string[] checklist = skill.Children.TryGetValue(new YamlScalarNode("checklist"), out YamlNode? c) && c is YamlSequenceNode seq
                ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!)] : [];
            ScoringRubric? scoring = skill.Children.TryGetValue(new YamlScalarNode("scoring"), out YamlNode? s) && s is YamlMappingNode levels
                ? new ScoringRubric(Level(levels, 1), Level(levels, 2), Level(levels, 3), Level(levels, 4), Level(levels, 5))
                : null;
            return new InstanceRubric { Checklist = checklist, Scoring = scoring };
        });

    private static string Level(YamlMappingNode levels, int score) =>
        levels.Children.TryGetValue(new YamlScalarNode(score.ToString(CultureInfo.InvariantCulture)), out YamlNode? v) && v is YamlScalarNode s ? s.Value! : string.Empty;
}
