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
            if (NullField(response) is { } field)
                throw new InvalidDataException($"{path}({number}): not a FLASK result: \"{field}\" is null.");
            yield return (number, response);
        }
    }

    // JSON null where the format has a value (or, for domains, an empty list): refused where it is read, with its line,
    // instead of surfacing later as an exception in a report.
    private static string? NullField(ScoredResponse response) =>
        response.Id is null ? "id"
        : response.Instruction is null ? "instruction"
        : response.Domains is null || response.Domains.Any(d => d is null) ? "domains"
        : response.Skills is null || response.Skills.Any(s => s is null || s.Id is null || s.Name is null) ? "skills"
        : null;
}
