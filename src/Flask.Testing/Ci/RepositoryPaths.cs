using System;
using System.IO;

namespace Flask.Testing;

/// <summary>
/// Paths as CI annotations need them: relative to the repository root, with forward slashes (GitHub and Azure attach a
/// <c>file=</c> / <c>sourcepath=</c> annotation to a file only by its repository-relative path).
/// </summary>
public static class RepositoryPaths
{
    /// <summary>
    /// The repository root that holds <paramref name="path"/>: GITHUB_WORKSPACE or BUILD_SOURCESDIRECTORY when the path is
    /// under it, else the nearest directory above the path that has a <c>.git</c> entry (a directory, or a file in a
    /// worktree); null when none holds it.
    /// </summary>
    public static string? RootOf(string path)
    {
        string full = Path.GetFullPath(path);
        foreach (string variable in new[] { "GITHUB_WORKSPACE", "BUILD_SOURCESDIRECTORY" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } root && IsUnder(full, Path.GetFullPath(root)))
                return Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        for (DirectoryInfo? directory = new FileInfo(full).Directory; directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
                return directory.FullName;
        return null;
    }

    /// <summary>
    /// <paramref name="path"/> relative to its repository root with forward slashes, e.g. <c>eval/run.jsonl</c>; the full
    /// path (forward slashes) when no repository holds it.
    /// </summary>
    public static string ForAnnotation(string path)
    {
        string full = Path.GetFullPath(path);
        string relative = RootOf(full) is { } root ? Path.GetRelativePath(root, full) : full;
        return relative.Replace('\\', '/');
    }

    private static bool IsUnder(string path, string root)
    {
        string prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        StringComparison comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(prefix, comparison);
    }
}
