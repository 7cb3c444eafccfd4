using System.Collections.Generic;
using Flask.Testing;

namespace Flask.Cli.Json;

/// <summary><c>dotnet flask trend --format json</c>: the run history file, the gate's tolerance, the runs and each skill's trend.</summary>
internal sealed record TrendDocument(string Store, double Tolerance, IReadOnlyList<RunInfo> Runs, IReadOnlyList<SkillTrend> Skills);
