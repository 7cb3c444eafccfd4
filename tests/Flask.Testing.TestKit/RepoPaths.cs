using System;
using System.IO;
using Xunit;

namespace Flask.Testing.TestKit;

/// <summary>Where the repository and FLASK's reference data (../shared/flask beside the clone) are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rubrics => Path.Combine(Root, "rubrics");

    /// <summary>FLASK's reference data; skips the calling test with a clear message when it is not there.</summary>
    public static string SharedFlaskOrSkip()
    {
        string path = Environment.GetEnvironmentVariable("FLASK_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "flask"));
        Assert.SkipUnless(Directory.Exists(path),
            $"FLASK reference data not found at {path}. Put the FLASK data beside the clone as ../shared/flask or set FLASK_SHARED_DATA.");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flask.Testing.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Flask.Testing.sln not found above {AppContext.BaseDirectory}.");
    }
}
