using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flask.Testing.Results;

namespace Flask.Testing;

/// <summary>The JSON form of result files (docs/results.md): camelCase, nulls left out, one response per JSONL line.</summary>
public static class ResultsJson
{
    /// <summary>Options for one-line records.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Results, reports and summaries through the generated code (ResultsJsonContext); a caller's own types by
        // reflection, where reflection is allowed (not in the Native AOT tool, whose types are all generated).
        TypeInfoResolver = JsonSerializer.IsReflectionEnabledByDefault
            ? JsonTypeInfoResolver.Combine(ResultsJsonContext.Default, ReflectionResolver())
            : ResultsJsonContext.Default,
    };

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only where reflection-based serialization is enabled: trimmed and Native AOT programs switch it off (JsonSerializerIsReflectionEnabledByDefault), and this call with it.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: never called in a Native AOT program.")]
    private static DefaultJsonTypeInfoResolver ReflectionResolver() => new();

    /// <summary>Options for whole, indented documents.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <summary>One line of a results JSONL file.</summary>
    public static string ToLine(ScoredResponse response) => JsonSerializer.Serialize(response, Response);

    /// <summary>A scored response's generated serialization code, with <see cref="Options"/>.</summary>
    internal static JsonTypeInfo<ScoredResponse> Response { get; } = TypeInfo<ScoredResponse>(Options);

    /// <summary>
    /// <paramref name="value"/> as JSON with <paramref name="options"/>, through the type's generated code: no
    /// reflection, so the call is safe in a trimmed or Native AOT program (a type with no generated code throws).
    /// </summary>
    internal static string Serialize<T>(T value, JsonSerializerOptions options) => JsonSerializer.Serialize(value, TypeInfo<T>(options));

    /// <summary>The type's serialization code as <paramref name="options"/> resolve it.</summary>
    internal static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>Reads a results JSONL file; a malformed line is an error naming the file and line.</summary>
    /// <exception cref="InvalidDataException">A line is not a scored response.</exception>
    public static IEnumerable<ScoredResponse> ReadLines(string path)
    {
        foreach (var (_, response) in ReadNumberedLines(path))
            yield return response;
    }

    /// <summary>Reads a results JSONL file with the line number of each result (1-based), to name where a result is.</summary>
    /// <exception cref="InvalidDataException">A line is not a scored response.</exception>
    public static IEnumerable<(int Line, ScoredResponse Response)> ReadNumberedLines(string path)
    {
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
                continue;
            ScoredResponse? response;
            try
            {
                response = JsonSerializer.Deserialize(line, Response);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}({number}): not a FLASK result: {e.Message}", e);
            }
            if (response is null)
                throw new InvalidDataException($"{path}({number}): empty result.");
            if (Refusal(response) is { } why)
                throw new InvalidDataException($"{path}({number}): not a FLASK result: {why}");
            yield return (number, response);
        }
    }

    // JSON null (or nothing) where the format has a value: refused where it is read, with its line, instead of surfacing
    // later as an exception in a report, or as a number no judge wrote (a scored skill without its score). A skill's
    // status and passed and an unrequested score's status are [JsonRequired]: their defaults would read as judged.
    internal static string? Refusal(ScoredResponse response)
    {
        if (response.Id is null)
            return Null("id");
        if (response.Instruction is null)
            return Null("instruction");
        if (response.Domains is null || response.Domains.Any(d => d is null))
            return Null("domains");
        if (response.JudgeModel is null)
            return Null("judgeModel");
        if (response.Skills is null)
            return Null("skills");
        for (int i = 0; i < response.Skills.Count; i++)
        {
            ScoredSkill skill = response.Skills[i];
            if (skill is null)
                return Null($"skills[{i}]");
            string? field = skill.Id is null ? "id" : skill.Name is null ? "name" : skill.Ability is null ? "ability"
                : skill is { Status: SkillScoreStatus.Scored, Score: null } ? "score" : null;
            if (field is not null)
                return Missing($"skills[{i}].{field}");
        }
        for (int i = 0; i < (response.Unrequested?.Count ?? 0); i++)
        {
            UnrequestedScore extra = response.Unrequested![i];
            if (extra is null)
                return Null($"unrequested[{i}]");
            string? field = extra.Key is null ? "key" : extra.Judge is null ? "judge"
                : extra is { Status: SkillScoreStatus.Scored, Score: null } ? "score" : null;
            if (field is not null)
                return Missing($"unrequested[{i}].{field}");
        }
        return null;
    }

    private static string Null(string field) => $"\"{field}\" is null.";

    private static string Missing(string field) => $"\"{field}\" is missing or null.";
}
