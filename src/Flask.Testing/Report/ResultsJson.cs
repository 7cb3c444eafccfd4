using System.Collections.Generic;
using System.IO;
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
        // Results through the generated code (ResultsJsonContext); anything else (reports, summaries) by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ResultsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Options for whole, indented documents.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <summary>One line of a results JSONL file.</summary>
    public static string ToLine(ScoredResponse response) => JsonSerializer.Serialize(response, Options);

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
                response = JsonSerializer.Deserialize<ScoredResponse>(line, Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}({number}): not a FLASK result: {e.Message}", e);
            }
            yield return (number, response ?? throw new InvalidDataException($"{path}({number}): empty result."));
        }
    }
}
