using System.Collections.Generic;
using System.IO;
using Flask.Cli.Commands;
using Flask.Testing;

namespace Flask.Cli.History;

/// <summary>One side of <c>dotnet flask compare</c>: a results file when one exists by that name, else a run id in the store.</summary>
/// <param name="Name">How the comparison names it: the file's full path, or "run ID".</param>
/// <param name="Results">Its results.</param>
/// <param name="Run">The run, when it is one from the store (null for a file).</param>
internal sealed record RunSource(string Name, IReadOnlyList<ScoredResponse> Results, RunInfo? Run = null)
{
    public static RunSource Resolve(string argument, ref RunStore? store, FlaskSettings settings)
    {
        if (File.Exists(argument))
            return new RunSource(Path.GetFullPath(argument), [.. ResultsJson.ReadLines(argument)]);
        if (!long.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id))
            throw new CliException($"'{argument}' is neither a results file nor a run id; give a results JSONL file or an id from dotnet flask runs.");
        store ??= CliStore.OpenExisting(settings);
        IReadOnlyList<ScoredResponse> results = CliStore.Results(store, id);
        return new RunSource($"run {id}", results, CliStore.Read(store, s => s.Find(id)));
    }
}
