using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flask.Testing;

namespace Flask.Cli.Json;

/// <summary>
/// The options of every JSON document the CLI writes: the results format's (<see cref="ResultsJson"/>: camelCase, nulls
/// left out, relaxed escaping), resolved through generated code only (<see cref="CliJsonContext"/>, then the runtime's),
/// so the tool serializes nothing by reflection and runs as Native AOT.
/// </summary>
internal static class CliJson
{
    /// <summary>One-line records (JSONL).</summary>
    public static JsonSerializerOptions Line { get; } = new(ResultsJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default, ResultsJson.Options.TypeInfoResolver),
    };

    /// <summary>Whole, indented documents.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Line) { WriteIndented = true };

    /// <summary><paramref name="value"/> as JSON with <paramref name="options"/> (<see cref="Line"/> or <see cref="Indented"/>).</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options) => ResultsJson.Serialize(value, options);
}
