using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Flask.Testing;

/// <summary>
/// Reads FLASK-format JSONL datasets (FLASK's <c>flask_evaluation.jsonl</c> as is) and model-output files
/// (<c>question_id</c>, <c>text</c>). A malformed line, a duplicate id or an unknown skill is a <see cref="DataProblem"/>
/// naming file and line; every other item is still read.
/// </summary>
public static class FlaskDatasetReader
{
    /// <summary>The instances of <paramref name="path"/> and the problems met; <paramref name="catalog"/>, when given, checks skill names.</summary>
    public static (IReadOnlyList<FlaskInstance> Instances, IReadOnlyList<DataProblem> Problems) ReadInstances(string path, SkillCatalog? catalog = null)
    {
        var instances = new List<FlaskInstance>();
        var problems = new List<DataProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, item, error) in Lines(path))
        {
            string where = $"{path}:{number}";
            if (error is not null)
            {
                problems.Add(new DataProblem(where, error));
                continue;
            }
            try
            {
                string id = item.TryGetProperty("idx", out JsonElement idx) || item.TryGetProperty("id", out idx)
                    ? idx.ValueKind == JsonValueKind.Number ? idx.GetRawText() : idx.GetString() ?? string.Empty
                    : number.ToString(CultureInfo.InvariantCulture);
                var instance = new FlaskInstance
                {
                    Id = id,
                    Instruction = Text(item, "instruction") ?? throw new FormatException("'instruction' is missing or not a text"),
                    Reference = Text(item, "answer") ?? Text(item, "reference"),
                    Skills = Strings(item, "skill", "skills"),
                    Domains = [.. Strings(item, "domain", "domains").Where(d => d != "-1")],
                    Difficulty = Text(item, "difficulty"),
                    Task = Text(item, "task"),
                    Rubrics = item.TryGetProperty("rubric", out JsonElement rubric) ? Rubrics(rubric) : new Dictionary<string, InstanceRubric>(),
                    MinScore = item.TryGetProperty("min_score", out JsonElement min) ? min.GetDouble() : null,
                    Source = where,
                };
                if (!seen.Add(id))
                    problems.Add(new DataProblem(where, $"duplicate id '{id}'"));
                else if (catalog is not null && instance.Skills.FirstOrDefault(s => catalog.Find(s) is null) is { } unknown)
                    problems.Add(new DataProblem(where, $"unknown skill '{unknown}'"));
                else
                    instances.Add(instance);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                problems.Add(new DataProblem(where, e.Message));
            }
        }
        return (instances, problems);
    }

    /// <summary>A model's responses by instance id (<c>question_id</c> → <c>text</c>), and the problems met.</summary>
    public static (IReadOnlyDictionary<string, string> Responses, IReadOnlyList<DataProblem> Problems) ReadResponses(string path)
    {
        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<DataProblem>();
        foreach (var (number, item, error) in Lines(path))
        {
            string where = $"{path}:{number}";
            if (error is not null)
            {
                problems.Add(new DataProblem(where, error));
                continue;
            }
            if (!(item.TryGetProperty("question_id", out JsonElement id) || item.TryGetProperty("id", out id)) || Text(item, "text") is not { } text)
            {
                problems.Add(new DataProblem(where, "a response needs 'question_id' and 'text'"));
                continue;
            }
            string key = id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString() ?? string.Empty;
            if (!responses.TryAdd(key, text))
                problems.Add(new DataProblem(where, $"duplicate response for '{key}'"));
        }
        return (responses, problems);
    }

    private static IEnumerable<(int Number, JsonElement Item, string? Error)> Lines(string path)
    {
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
                continue;
            JsonElement item;
            string? error = null;
            try
            {
                using JsonDocument json = JsonDocument.Parse(line);
                item = json.RootElement.Clone();
                if (item.ValueKind != JsonValueKind.Object)
                    error = "not a JSON object";
            }
            catch (JsonException e)
            {
                item = default;
                error = $"malformed JSON: {e.Message}";
            }
            yield return (number, item, error);
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement item, params string[] names)
    {
        foreach (string name in names)
        {
            if (item.TryGetProperty(name, out JsonElement value))
                return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(e => e.ToString())] : [value.ToString()];
        }
        return [];
    }

    private static Dictionary<string, InstanceRubric> Rubrics(JsonElement rubric) => rubric.EnumerateObject().ToDictionary(
        p => p.Name,
        p => new InstanceRubric
        {
            Checklist = p.Value.TryGetProperty("checklist", out JsonElement list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [],
            Scoring = p.Value.TryGetProperty("scoring", out JsonElement s)
                ? new ScoringRubric(s.GetProperty("1").GetString()!, s.GetProperty("2").GetString()!, s.GetProperty("3").GetString()!, s.GetProperty("4").GetString()!, s.GetProperty("5").GetString()!)
                : null,
        });
}
