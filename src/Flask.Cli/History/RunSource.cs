using System.Collections.Generic;
using System.IO;
using Flask.Cli.Commands;
using Flask.Testing;

namespace Flask.Cli.History;

/// <summary>One side of <c>dotnet flask compare</c>: a results file when one exists by that name, else a run id in the store.</summary>
internal sealed record RunSource(string Name, IReadOnlyList<ScoredResponse> Results)
{
    public static RunSource Resolve(string argument, ref RunStore? store, FlaskSettings settings)
    {
        if (File.Exists(argument))
            return new RunSource(Path.GetFullPath(argument), [.. ResultsJson.ReadLines(argument)]);
        if (!long.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id))
            throw new CliException($"'{argument}' is neither a results file nor a run id; give a results JSONL file or an id from dotnet flask runs.");
        store ??= CliStore.OpenExisting(settings);
        return new RunSource($"run {id}", CliStore.Results(store, id));
    }
}
