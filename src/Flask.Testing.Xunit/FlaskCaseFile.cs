using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
        // JSONL goes through FlaskDatasetReader, which reports duplicate ids itself.
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".yaml" or ".yml"))
            return ReadJsonLines(path);
        List<FlaskCase> cases = ReadYaml(path);
        string? duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1)?.Key;
        return duplicate is null ? cases : throw new InvalidDataException($"{path}: case id '{duplicate}' appears more than once.");
    }

    private static List<FlaskCase> ReadJsonLines(string path)
    {
        var (instances, problems) = FlaskDatasetReader.ReadInstances(path);
        if (problems.Count > 0)
            throw new InvalidDataException(problems[0].ToString());
        return [.. instances.Select(i => new FlaskCase(i.Id, i.Instruction, i.Reference, i.Skills)
        {
            Domains = i.Domains,
            Difficulty = i.Difficulty,
            MinScore = i.MinScore,
            Rubrics = i.Rubrics,
            Source = i.Source,
        })];
    }

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
