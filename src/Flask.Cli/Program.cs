using System.CommandLine;
using Flask.Cli.Commands;

// dotnet flask: run FLASK benchmarks and see fine-grained results. Commands are documented in docs/cli.md.
var root = new RootCommand("Flask.Testing's command line: FLASK benchmarks, fine-grained reports, regression gates, annotation and judge calibration.")
{
    BenchCommand.Create(),
    ReportCommand.Create(),
    GateCommand.Create(),
    AnnotateCommand.Create(),
    CalibrateCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
