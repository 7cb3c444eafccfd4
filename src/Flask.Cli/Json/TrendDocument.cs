using System.Collections.Generic;
using Flask.Testing;

namespace Flask.Cli.Json;

/// <summary><c>dotnet flask trend --format json</c>: the run history file, the selection (which project and model, said as in the title), the gate's tolerance, the runs and each skill's trend.</summary>
internal sealed record TrendDocument(string Store, string Selection, double Tolerance, IReadOnlyList<RunInfo> Runs, IReadOnlyList<SkillTrend> Skills);
