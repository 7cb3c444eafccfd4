using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Flask.Testing.TestKit;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Tests.PublicApi;

/// <summary>
/// The public API is a visible diff: the surface of each shipped library is compared with its committed listing in
/// api/; a change fails here with the added and removed lines until the listing is accepted (FLASK_UPDATE_API=true).
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Libraries => new() { "Flask.Testing", "Flask.Testing.Xunit" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_public_API_matches_the_committed_listing(string library)
    {
        Assembly assembly = library switch
        {
            "Flask.Testing" => typeof(FlaskJudge).Assembly,
            "Flask.Testing.Xunit" => typeof(FlaskSkillAttribute).Assembly,
            _ => throw new ArgumentOutOfRangeException(nameof(library), library, null),
        };
        string actual = PublicApiListing.Of(assembly);
        string path = Path.Combine(RepoPaths.Root, "api", library + ".txt");

        if (string.Equals(Environment.GetEnvironmentVariable("FLASK_UPDATE_API"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        string expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
        if (expected == actual)
            return;
        Assert.Fail(ApiDiff.Describe(library, path, expected, actual));
    }

    [Fact]
    public void A_changed_member_shows_as_a_removed_and_an_added_line_under_its_type()
    {
        const string before = "public sealed class A.B\n  public int Count { get; }\n  public void Run()\npublic enum A.C : int\n  X = 0\n";
        const string after = "public sealed class A.B\n  public long Count { get; }\n  public void Run()\npublic enum A.C : int\n  X = 0\n  Y = 1\n";

        string message = ApiDiff.Describe("A", "api/A.txt", before, after);

        Assert.Contains("- public sealed class A.B :: public int Count { get; }", message, StringComparison.Ordinal);
        Assert.Contains("+ public sealed class A.B :: public long Count { get; }", message, StringComparison.Ordinal);
        Assert.Contains("+ public enum A.C : int :: Y = 1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Run()", message, StringComparison.Ordinal);
        Assert.Contains("FLASK_UPDATE_API=true", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_listing_shows_signatures_nullability_and_defaults()
    {
        string listing = PublicApiListing.Of(typeof(FlaskJudge).Assembly);
        string[] lines = listing.Split('\n');

        Assert.Contains(lines, l => l.StartsWith("public ", StringComparison.Ordinal) && l.Contains("Flask.Testing.FlaskJudge", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("CancellationToken cancellationToken = default", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("?", StringComparison.Ordinal) && l.StartsWith("  ", StringComparison.Ordinal));
        // Internal types (the review parser) are not API; protected members of an inheritable type are.
        Assert.DoesNotContain(lines, l => l.Contains("ReviewParser", StringComparison.Ordinal));
        Assert.Contains("\n  protected FlaskTestSetup()\n", PublicApiListing.Of(typeof(FlaskTestSetup).Assembly), StringComparison.Ordinal);
    }
}
