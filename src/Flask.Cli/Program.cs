using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using Flask.Cli.Commands;

// dotnet flask: run FLASK benchmarks and see fine-grained results. Commands are documented in docs/cli.md.
var root = new RootCommand("Flask.Testing's command line: FLASK benchmarks, fine-grained reports, regression gates, annotation and judge calibration.")
{
    BenchCommand.Create(),
    ReportCommand.Create(),
    GateCommand.Create(),
    AnnotateCommand.Create(),
    CalibrateCommand.Create(),
    ImportCommand.Create(),
    RunsCommand.Create(),
    CompareCommand.Create(),
    TrendCommand.Create(),
};
ParseResult parse = root.Parse(args);
// A positional file argument takes any token, so a misspelt or foreign option would otherwise read as "File not found".
string? stray = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value)
    .FirstOrDefault(v => v.StartsWith("--", StringComparison.Ordinal) && !File.Exists(v) && !Directory.Exists(v));
if (stray is not null && parse.Errors.Count == 0)
{
    Console.Error.WriteLine($"dotnet flask: Unrecognized option '{stray}' (see dotnet flask {parse.CommandResult.Command.Name} --help).");
    return CliRunner.Usage;
}
if (parse.Errors.Count > 0)
{
    // A usage error is one line and exit code 2 (docs/cli.md), not the whole help text and exit code 1.
    string command = parse.CommandResult.Command == root ? "dotnet flask" : $"dotnet flask {parse.CommandResult.Command.Name}";
    Console.Error.WriteLine($"dotnet flask: {string.Join("; ", parse.Errors.Select(e => Plain(e.Message)))} (see {command} --help).");
    return CliRunner.Usage;
}
return await parse.InvokeAsync();

// System.CommandLine names the CLR type a value failed to parse as ("System.Nullable`1[System.Int32]"): say it in words.
static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(message,
    @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$",
    m => $"'{m.Groups["value"].Value}' is not a valid value for {m.Groups["option"].Value}: it takes {(m.Groups["type"].Value.Contains("Int32", StringComparison.Ordinal) ? "a whole number" : m.Groups["type"].Value.Contains("Double", StringComparison.Ordinal) || m.Groups["type"].Value.Contains("Decimal", StringComparison.Ordinal) ? "a number" : "another kind of value")}.");
