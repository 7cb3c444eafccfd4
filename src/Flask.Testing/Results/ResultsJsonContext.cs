using System.Text.Json.Serialization;

namespace Flask.Testing.Results;

/// <summary>
/// The results format's serialization code, generated at build time (issue 12): every results line a run writes, every
/// line bench and report read back and every result the run history stores go through it, without reflection or
/// serializer warm-up per process. <see cref="ResultsJson.Options"/> resolves through it first; its naming and null
/// handling are the same as those options', so the lines are byte for byte what they were.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoredResponse))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
