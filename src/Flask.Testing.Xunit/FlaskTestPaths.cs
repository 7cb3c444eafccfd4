using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Flask.Testing.Xunit;

/// <summary>Where a test project's FLASK files are: its baseline, replay cache and results.</summary>
internal static class FlaskTestPaths
{
    /// <summary>The test project's directory (recorded at build time by the package's targets), else the output directory.</summary>
    public static string ProjectDirectory(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "FlaskProjectDirectory")?.Value is { Length: > 0 } dir && Directory.Exists(dir)
            ? dir
            : AppContext.BaseDirectory;

    /// <summary>Where the run's results go: <c>FLASK_RESULTS_DIR</c>, else <c>TestResults/flask</c> in the test project.</summary>
    public static string ResultsDirectory(Assembly assembly, FlaskRunSettings run) =>
        run.ResultsDirectory is { } configured
            ? Resolve(assembly, configured)
            : Path.Combine(ProjectDirectory(assembly), "TestResults", "flask");

    /// <summary>A path as given, or relative to the project directory, or to the output directory, whichever exists first.</summary>
    public static string Resolve(Assembly assembly, string path)
    {
        if (Path.IsPathRooted(path))
            return path;
        string fromProject = Path.GetFullPath(Path.Combine(ProjectDirectory(assembly), path));
        string fromOutput = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));
        return File.Exists(fromProject) || Directory.Exists(fromProject) || !(File.Exists(fromOutput) || Directory.Exists(fromOutput)) ? fromProject : fromOutput;
    }
}
