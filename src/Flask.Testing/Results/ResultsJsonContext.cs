using System.Collections.Generic;
using System.Text.Json.Serialization;
using Flask.Testing.Analysis;

namespace Flask.Testing.Results;

/// <summary>
/// The results format's serialization code, generated at build time (issue 12): every results line a run writes, every
/// line bench and report read back and every result the run history stores go through it, without reflection or
/// serializer warm-up per process. <see cref="ResultsJson.Options"/> resolves through it first; its naming and null
/// handling are the same as those options', so the lines are byte for byte what they were. The other documents the
/// runtime and the CLI write with those options (reports, summaries, the run list, baselines, status names) are here
/// too, so nothing of the tool serializes by reflection (it publishes as Native AOT).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoredResponse))]
[JsonSerializable(typeof(SkillScoreStatus))]
[JsonSerializable(typeof(IReadOnlyList<ModelAnalysis>))]
[JsonSerializable(typeof(IReadOnlyList<RunInfo>))]
[JsonSerializable(typeof(Baseline))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
