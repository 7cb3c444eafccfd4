using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// Pairs the instances of a data set that has its own ids (FLASK-HARD: 1..89) with the ids a responses file uses (the
/// main set's: FLASK's model outputs are keyed by <c>flask_evaluation.jsonl</c>'s <c>idx</c>), through the instruction
/// text: an instance takes the id of the one map instance with the same instruction.
/// </summary>
internal static class IdPairing
{
    /// <summary>The main set FLASK ships beside FLASK-HARD.</summary>
    public const string MainSetFileName = "flask_evaluation.jsonl";

    /// <summary>Whether a data set's file name says it is FLASK-HARD (or another "hard" subset with its own ids).</summary>
    public static bool LooksHard(string datasetPath) => Path.GetFileName(datasetPath).Contains("hard", StringComparison.OrdinalIgnoreCase);

    /// <summary>FLASK's main set beside <paramref name="datasetPath"/>, when there is one (and it is not the data set itself).</summary>
    public static string? MainSetBeside(string datasetPath)
    {
        string candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(datasetPath))!, MainSetFileName);
        return File.Exists(candidate) && !string.Equals(Path.GetFullPath(candidate), Path.GetFullPath(datasetPath), StringComparison.Ordinal) ? candidate : null;
    }

    /// <summary>
    /// The instances re-keyed by <paramref name="mapPath"/>'s id for the same instruction; an instance whose
    /// instruction the map does not have (or has twice) is a located problem, not guessed.
    /// </summary>
    public static (IReadOnlyList<FlaskInstance> Paired, IReadOnlyList<DataProblem> Problems) ByInstruction(IReadOnlyList<FlaskInstance> instances, string mapPath)
    {
        var (map, _) = FlaskDatasetReader.ReadInstances(mapPath);
        var ids = map.GroupBy(i => i.Instruction, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Id).ToArray(), StringComparer.Ordinal);
        var paired = new List<FlaskInstance>();
        var problems = new List<DataProblem>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (FlaskInstance instance in instances)
        {
            if (!ids.TryGetValue(instance.Instruction, out string[]? found))
                problems.Add(new DataProblem(instance.Source, $"not paired: no instance of {mapPath} has this instruction, so no response can be matched to it"));
            else if (found.Length > 1)
                problems.Add(new DataProblem(instance.Source, $"not paired: {mapPath} has this instruction {found.Length} times (ids {string.Join(", ", found)})"));
            else if (taken.TryGetValue(found[0], out string? other))
                problems.Add(new DataProblem(instance.Source, $"not paired: its instruction is also {other}'s (id {found[0]} of {mapPath})"));
            else
            {
                taken[found[0]] = instance.Source;
                paired.Add(instance with { Id = found[0] });
            }
        }
        return (paired, problems);
    }
}
