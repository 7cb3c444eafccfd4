using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flask.Testing;

/// <summary>
/// A committed record of scores to compare later runs with: per test (or instance) id, per skill id, the score.
/// Sorted and without timestamps, so updating it shows as a readable diff. Format: docs/results.md.
/// </summary>
public sealed record Baseline
{
    /// <summary>The current format version.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = Results.ResultsJsonContext.Default,
    };

    /// <summary>The format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Scores by test id, then skill id.</summary>
    public SortedDictionary<string, SortedDictionary<string, double>> Scores { get; init; } = new(System.StringComparer.Ordinal);

    /// <summary>The baseline of a run: every scored skill of every response (N/A and judge errors are not scores).</summary>
    public static Baseline From(IEnumerable<ScoredResponse> responses)
    {
        var baseline = new Baseline();
        foreach (ScoredResponse response in responses)
        {
            var skills = new SortedDictionary<string, double>(System.StringComparer.Ordinal);
            foreach (ScoredSkill skill in response.Skills.Where(s => s.Status == SkillScoreStatus.Scored && s.Score is not null))
                skills[skill.Id] = skill.Score!.Value;
            if (skills.Count > 0)
                baseline.Scores[response.Id] = skills;
        }
        return baseline;
    }

    /// <summary>
    /// This baseline updated with <paramref name="run"/>'s entries: each test the run scored gets the run's entry (all
    /// its skills, replacing the old entry whole), every other entry is kept. So an update from a filtered run changes
    /// only the tests that ran; an entry of a deleted test stays until the file is recorded anew (docs/testing.md).
    /// </summary>
    internal Baseline UpdatedWith(Baseline run)
    {
        var merged = new Baseline();
        foreach (var (test, skills) in Scores)
            merged.Scores[test] = skills;
        foreach (var (test, skills) in run.Scores)
            merged.Scores[test] = skills;
        return merged;
    }

    /// <summary>
    /// The baseline in a file as <c>dotnet flask gate --baseline</c> takes it: a <c>.json</c> file is a baseline file, any
    /// other a results JSONL run whose scores are the baseline.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a baseline or results file; the message names it.</exception>
    internal static Baseline Read(string path) =>
        Path.GetExtension(path).Equals(".json", System.StringComparison.OrdinalIgnoreCase) ? Load(path) : From(ResultsJson.ReadLines(path));

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="InvalidDataException">The file is not a baseline of a known format; the message names the file.</exception>
    public static Baseline Load(string path)
    {
        try
        {
            Baseline baseline = JsonSerializer.Deserialize(File.ReadAllText(path), ResultsJson.TypeInfo<Baseline>(Json)) ?? new Baseline();
            if (baseline.FormatVersion != CurrentFormatVersion)
                throw new InvalidDataException($"{path}: baseline format {baseline.FormatVersion} is not supported (expected {CurrentFormatVersion}).");
            return baseline;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}({e.LineNumber + 1},{e.BytePositionInLine + 1}): not a baseline file: {e.Message}", e);
        }
    }

    /// <summary>Writes the baseline, indented, with a final newline.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ResultsJson.Serialize(this, Json).Replace("\r\n", "\n", System.StringComparison.Ordinal) + "\n");
    }
}
