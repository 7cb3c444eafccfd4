using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Flask.Testing.Tests;

/// <summary>
/// FlaskDatasetReader's JSONL path as it was before it was made cheaper (issue #13, seventh round), kept verbatim as the
/// reference the rewritten reader must match on every input (<see cref="DatasetReaderPreviousDefinitionTests"/>).
/// </summary>
internal static class PreviousDatasetReader
{
    /// <summary>The most skills one instance may have: the skills of one judge call.</summary>
    private const int MaxSkills = FlaskJudge.MaxSkillsPerRequest;

    /// <summary>
    /// The instances of <paramref name="path"/> (FLASK JSONL, or the YAML case format for <c>.yaml</c>/<c>.yml</c>) and
    /// the problems met; <paramref name="catalog"/>, when given, checks that each instance can make one judge call.
    /// </summary>
    /// <param name="path">The data set.</param>
    /// <param name="catalog">The skills an instance may name; null to read instructions only (nothing is checked).</param>
    /// <param name="testAddsSkills">The test adds skills of its own (a <c>[FlaskData]</c> theory with <c>[FlaskSkill]</c>):
    /// an instance may then name none, and only the names it gives are checked.</param>
    public static (IReadOnlyList<FlaskInstance> Instances, IReadOnlyList<DataProblem> Problems) ReadInstances(string path, SkillCatalog? catalog = null, bool testAddsSkills = false)
    {
        var instances = new List<FlaskInstance>();
        var problems = new List<DataProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (where, instance, error) in JsonInstances(path))
        {
            if (instance is null)
                problems.Add(new DataProblem(where, error!));
            else if (!seen.Add(instance.Id))
                problems.Add(new DataProblem(where, $"duplicate id '{instance.Id}'"));
            else if (SkillProblem(instance, catalog, testAddsSkills) is { } problem)
                problems.Add(new DataProblem(where, problem));
            else
                instances.Add(instance);
        }
        return (instances, problems);
    }

    /// <summary>The lines of a FLASK JSONL file: each an instance, or where it is wrong and why.</summary>
    private static IEnumerable<(string Where, FlaskInstance? Instance, string? Error)> JsonInstances(string path)
    {
        foreach (var (number, item, lineError) in Lines(path))
        {
            string where = $"{path}:{number}";
            FlaskInstance? instance = null;
            string? error = lineError;
            if (error is null)
            {
                try
                {
                    string id = item.TryGetProperty("idx", out JsonElement idx) ? Id(idx, "idx")
                        : item.TryGetProperty("id", out idx) ? Id(idx, "id")
                        : number.ToString(CultureInfo.InvariantCulture);
                    instance = new FlaskInstance
                    {
                        Id = id,
                        Instruction = Text(item, "instruction") ?? throw new FormatException("'instruction' is missing or not a text"),
                        Reference = Text(item, "answer") ?? Text(item, "reference"),
                        Skills = Strings(item, "skill", "skills"),
                        Domains = [.. Strings(item, "domain", "domains").Where(d => d != "-1")],
                        Difficulty = Difficulty(item),
                        Task = Text(item, "task"),
                        Rubrics = item.TryGetProperty("rubric", out JsonElement rubric) ? Rubrics(rubric) : new Dictionary<string, InstanceRubric>(),
                        MinScore = item.TryGetProperty("min_score", out JsonElement min) && min.ValueKind != JsonValueKind.Null
                            ? min.ValueKind == JsonValueKind.Number ? min.GetDouble() : throw new FormatException($"'min_score' must be a number, not {Kind(min)}")
                            : null,
                        Source = where,
                    };
                }
                catch (FormatException e)
                {
                    error = e.Message;
                }
            }
            yield return (where, instance, error);
        }
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
            try
            {
                string field = item.TryGetProperty("question_id", out JsonElement id) ? "question_id" : item.TryGetProperty("id", out id) ? "id" : string.Empty;
                if (field.Length == 0 || Text(item, "text") is not { } text)
                {
                    problems.Add(new DataProblem(where, "a response needs 'question_id' and 'text'"));
                    continue;
                }
                string key = Id(id, field);
                if (!responses.TryAdd(key, text))
                    problems.Add(new DataProblem(where, $"duplicate response for '{key}'"));
            }
            catch (FormatException e)
            {
                problems.Add(new DataProblem(where, e.Message));
            }
        }
        return (responses, problems);
    }

    /// <summary>
    /// Why the instance cannot make one judge call over <paramref name="catalog"/>'s skills, or null when it can (always
    /// null without a catalog: a file of instructions only, to annotate, has no skills yet).
    /// </summary>
    private static string? SkillProblem(FlaskInstance instance, SkillCatalog? catalog, bool testAddsSkills)
    {
        if (catalog is null)
            return null;
        if (instance.Skills.Count == 0 && !testAddsSkills)
            return $"no skills: an instance to judge needs 1 to {MaxSkills} in 'skill'";
        if (instance.Skills.Count > MaxSkills)
            return $"{instance.Skills.Count} skills: one judge call takes 1 to {MaxSkills}";
        foreach (string name in instance.Skills.Concat(instance.Rubrics.Keys))
        {
            if (catalog.Find(name) is null)
                return ClosestMatch.Find(name, catalog.Select(s => s.Name)) is { } near
                    ? $"unknown skill '{name}' (did you mean '{near}'?)"
                    : $"unknown skill '{name}'";
        }
        string[] ids = [.. instance.Skills.Select(s => catalog.Find(s)!.Id)];
        if (ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"skill '{twice.Key}' is listed twice";
        if (!testAddsSkills && instance.Rubrics.Keys.FirstOrDefault(r => !ids.Contains(catalog.Find(r)!.Id, StringComparer.Ordinal)) is { } stray)
            return $"a rubric for '{stray}', a skill this instance does not judge (its skills: {string.Join(", ", instance.Skills)})";
        if (instance.Rubrics.Keys.GroupBy(r => catalog.Find(r)!.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } rubricTwice)
            return $"two rubrics for skill '{rubricTwice.Key}' ({string.Join(", ", rubricTwice.Select(r => $"'{r}'"))})";
        return null;
    }

    private static IEnumerable<(int Number, JsonElement Item, string? Error)> Lines(string path)
    {
        // The lines' UTF-8 bytes go to the JSON parser as they are: no text copy of each line to transcode back.
        foreach (var (number, line, notUtf8) in Utf8Lines.ReadUtf8(path))
        {
            if (notUtf8 is not null)
            {
                yield return (number, default, notUtf8);
                continue;
            }
            if (Utf8Lines.IsBlank(line.Span))
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

    /// <summary>An id: a number or a text.</summary>
    private static string Id(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => Decode(value, field),
        _ => throw new FormatException($"'{field}' must be a number or a text, not {Kind(value)}"),
    };

    /// <summary>A text field: null when absent or null; a value of another type is an error naming the field.</summary>
    private static string? Text(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String ? Decode(value, name) : throw new FormatException($"'{name}' must be a text, not {Kind(value)}");
    }

    /// <summary>The difficulty label; FLASK writes the number -1 for "not annotated".</summary>
    private static string? Difficulty(JsonElement item) =>
        item.TryGetProperty("difficulty", out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? value.GetRawText() == "-1" ? null : value.GetRawText()
            : Text(item, "difficulty");

    /// <summary>The string's value; a JSON escape that is not valid UTF-16 (a lone surrogate) is an error naming the field.</summary>
    private static string Decode(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FormatException($"'{field}' is not valid Unicode text (a lone surrogate escape such as \\ud800)");
        }
    }

    private static string[] Strings(JsonElement item, params string[] names)
    {
        foreach (string name in names)
        {
            if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
                continue;
            return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(e => Scalar(e, name))] : [Scalar(value, name)];
        }
        return [];
    }

    private static string Scalar(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => Decode(value, field),
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new FormatException($"'{field}' must hold texts, not {Kind(value)}"),
    };

    private static Dictionary<string, InstanceRubric> Rubrics(JsonElement rubric)
    {
        if (rubric.ValueKind != JsonValueKind.Object)
            throw new FormatException($"'rubric' must be an object of skill → {{checklist, scoring}}, not {Kind(rubric)}");
        var rubrics = new Dictionary<string, InstanceRubric>(StringComparer.Ordinal);
        foreach (JsonProperty skill in rubric.EnumerateObject())
        {
            if (!rubrics.TryAdd(skill.Name, Rubric(skill.Value, $"rubric.{skill.Name}")))
                throw new FormatException($"'rubric' names '{skill.Name}' twice");
        }
        return rubrics;
    }

    private static InstanceRubric Rubric(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new FormatException($"'{field}' must be an object with 'checklist' and/or 'scoring', not {Kind(value)}");
        string[] checklist = value.TryGetProperty("checklist", out JsonElement list)
            ? list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? Decode(e, $"{field}.checklist") : throw new FormatException($"'{field}.checklist' must hold texts, not {Kind(e)}"))]
                : throw new FormatException($"'{field}.checklist' must be a list of texts, not {Kind(list)}")
            : [];
        ScoringRubric? scoring = null;
        if (value.TryGetProperty("scoring", out JsonElement s))
        {
            if (s.ValueKind != JsonValueKind.Object)
                throw new FormatException($"'{field}.scoring' must be an object with keys \"1\" to \"5\", not {Kind(s)}");
            string Level(string level) => Text(s, level) is { } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw new FormatException($"'{field}.scoring.{level}' is missing or empty: a scoring rubric describes each score 1 to 5");
            scoring = new ScoringRubric(Level("1"), Level("2"), Level("3"), Level("4"), Level("5"));
        }
        return new InstanceRubric { Checklist = checklist, Scoring = scoring };
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a text",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
