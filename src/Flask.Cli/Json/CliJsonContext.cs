using System.Text.Json.Serialization;

namespace Flask.Cli.Json;

/// <summary>
/// The generated serialization code of the CLI's own JSON documents; naming and null handling are the results format's
/// (<see cref="CliJson"/>), so a document is what the reflection-based serializer wrote for the same shape.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ComparisonDocument))]
[JsonSerializable(typeof(TrendDocument))]
[JsonSerializable(typeof(AnnotatedInstanceLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
