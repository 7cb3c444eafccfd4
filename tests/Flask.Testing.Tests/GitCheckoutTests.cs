using System.IO;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The commit and branch of a run, read from .git files laid out as git lays them out.</summary>
public sealed class GitCheckoutTests : System.IDisposable
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Other = "fedcba9876543210fedcba9876543210fedcba98";
    private readonly TempDirectory _work = new("flask-git");

    public void Dispose() => _work.Dispose();

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_work, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_branch_with_a_loose_ref_is_read_from_a_subdirectory()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/feature/x\n");
        Write("repo/.git/refs/heads/feature/x", Commit + "\n");
        Directory.CreateDirectory(Path.Combine(_work, "repo", "tests", "App.Tests"));

        Assert.Equal(new GitCheckout(Commit, "feature/x"), GitCheckout.Of(Path.Combine(_work, "repo", "tests", "App.Tests")));
    }

    [Fact]
    public void Packed_refs_detached_heads_and_worktrees_are_understood()
    {
        Write("packed/.git/HEAD", "ref: refs/heads/main\n");
        Write("packed/.git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted\n{Other} refs/heads/dev\n{Commit} refs/heads/main\n");
        Write("detached/.git/HEAD", Other + "\n");
        Write("main/.git/HEAD", "ref: refs/heads/main\n");
        Write("main/.git/refs/heads/wt", Commit + "\n");
        Write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/wt\n");
        Write("main/.git/worktrees/wt/commondir", "../..\n");
        Write("wt/.git", $"gitdir: {Path.Combine(_work, "main", ".git", "worktrees", "wt")}\n");

        Assert.Equal(new GitCheckout(Commit, "main"), GitCheckout.Of(Path.Combine(_work, "packed")));
        Assert.Equal(new GitCheckout(Other, null), GitCheckout.Of(Path.Combine(_work, "detached")));
        Assert.Equal(new GitCheckout(Commit, "wt"), GitCheckout.Of(Path.Combine(_work, "wt")));
    }

    [Fact]
    public void No_checkout_or_a_broken_one_gives_nothing_and_never_fails()
    {
        Write("broken/.git", "not a gitdir line");
        Write("nohead/.git/config", "");

        Assert.Equal(GitCheckout.None, GitCheckout.Of(Path.Combine(_work, "broken")));
        Assert.Equal(GitCheckout.None, GitCheckout.Of(Path.Combine(_work, "nohead")));
    }
}
