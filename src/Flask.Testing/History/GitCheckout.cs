using System;
using System.IO;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// The git commit and branch of a directory's checkout, read from <c>.git</c> without running git (which may not be
/// installed, or slow to start on a loaded CI machine). Worktrees, packed refs and detached heads are understood;
/// anything else (no checkout, an unreadable or unusual <c>.git</c>) gives nulls, never an error: a run is recorded
/// with or without them.
/// </summary>
/// <param name="Commit">The full commit id, when known.</param>
/// <param name="Branch">The branch name, when HEAD is on a branch.</param>
public sealed record GitCheckout(string? Commit, string? Branch)
{
    /// <summary>No checkout.</summary>
    public static GitCheckout None { get; } = new(null, null);

    /// <summary>The checkout that holds <paramref name="directory"/>, looking upwards; <see cref="None"/> when there is none.</summary>
    public static GitCheckout Of(string directory)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
            {
                string dotGit = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(dotGit))
                    return Read(dotGit);
                if (File.Exists(dotGit))
                {
                    // A worktree or submodule: ".git" is a file that points at its git directory.
                    string line = File.ReadLines(dotGit).FirstOrDefault() ?? string.Empty;
                    if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
                        return None;
                    return Read(Path.GetFullPath(Path.Combine(dir.FullName, line["gitdir:".Length..].Trim())));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Unreadable: recorded without commit and branch.
        }
        return None;
    }

    private static GitCheckout Read(string gitDir)
    {
        string head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
            return new GitCheckout(IsCommit(head) ? head : null, null); // detached
        string reference = head["ref:".Length..].Trim();
        string? branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : null;
        // A worktree's branches live in the main repository's git directory, named by "commondir".
        string commonFile = Path.Combine(gitDir, "commondir");
        string common = File.Exists(commonFile) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim())) : gitDir;
        return new GitCheckout(ResolveRef(gitDir, reference) ?? ResolveRef(common, reference), branch);
    }

    private static string? ResolveRef(string gitDir, string reference)
    {
        string loose = Path.Combine(gitDir, reference.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(loose))
            return File.ReadAllText(loose).Trim() is var id && IsCommit(id) ? id : null;
        string packed = Path.Combine(gitDir, "packed-refs");
        if (!File.Exists(packed))
            return null;
        foreach (string line in File.ReadLines(packed))
        {
            string[] parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[1].Trim() == reference && IsCommit(parts[0]))
                return parts[0];
        }
        return null;
    }

    private static bool IsCommit(string text) => text.Length is 40 or 64 && text.All(Uri.IsHexDigit);
}
