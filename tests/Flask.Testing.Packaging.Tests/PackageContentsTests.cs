using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>What every package carries for a gallery and a lawyer: licence, notices, a README whose links work there.</summary>
public sealed class PackageContentsTests(PackedFeed feed)
{
    private string[] Packages => Directory.GetFiles(feed.Directory, "*.nupkg");

    [Fact]
    public void Every_package_carries_the_licence_and_the_third_party_notices()
    {
        // The runtime, the xUnit extension, the template, and the tool's pointer, framework-dependent and (on linux-x64) native packages.
        Assert.Equal(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64 ? 6 : 5, Packages.Length);
        foreach (string package in Packages)
        {
            using ZipArchive zip = ZipFile.OpenRead(package);
            Assert.True(zip.GetEntry("LICENSE") is not null, $"{Path.GetFileName(package)} has no LICENSE");
            string notices = Read(zip, "THIRD-PARTY-NOTICES.md");
            Assert.Contains("Seonghyeon Ye", notices);
            Assert.Contains("https://arxiv.org/abs/2307.10928", notices);
            Assert.Contains("<license type=\"expression\">MIT</license>", Read(zip, zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).FullName));
        }
    }

    [Fact]
    public void Every_package_README_links_only_absolute_addresses()
    {
        foreach (string package in Packages)
        {
            using ZipArchive zip = ZipFile.OpenRead(package);
            string readme = Read(zip, "README.md");
            string[] links = [.. Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value)];
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.Matches("^https://", link));
        }
    }

    [Fact]
    public void The_shipped_rubrics_schema_comment_resolves_inside_the_package()
    {
        string package = Packages.Single(p => Path.GetFileName(p).StartsWith($"Flask.Testing.{feed.Version}"));
        using var unpacked = new Flask.Testing.TestKit.TempDirectory("flask-unpacked");
        ZipFile.ExtractToDirectory(package, unpacked);
        string[] rubrics = Directory.GetFiles(Path.Combine(unpacked, "rubrics"), "*.yaml");
        Assert.Equal(12, rubrics.Length);
        foreach (string rubric in rubrics)
            ProjectTemplateTests.AssertSchemaResolves(rubric);
    }

    [Fact]
    public void The_runtime_package_does_not_depend_on_MathNet()
    {
        string package = Packages.Single(p => Path.GetFileName(p).StartsWith($"Flask.Testing.{feed.Version}"));
        using ZipArchive zip = ZipFile.OpenRead(package);
        Assert.DoesNotContain("MathNet", Read(zip, "Flask.Testing.nuspec"));
    }

    [Fact]
    public void Only_the_packages_that_record_run_history_bring_SQLites_native_libraries()
    {
        // The core has the provider only; the run fixture's package and the tool record history, so they carry the natives.
        string core = Nuspec("Flask.Testing");
        Assert.Contains("id=\"Microsoft.Data.Sqlite.Core\"", core);
        Assert.DoesNotContain("SQLitePCLRaw.bundle_e_sqlite3", core);
        Assert.DoesNotContain("id=\"Microsoft.Data.Sqlite\"", core); // that package depends on the bundle
        Assert.Contains("id=\"SQLitePCLRaw.bundle_e_sqlite3\"", Nuspec("Flask.Testing.Xunit"));

        // A tool package carries its dependencies: the natives are in the framework-dependent one, for the platforms the
        // tool runs on (the native package's are checked in NativeToolPackageTests).
        using ZipArchive zip = ZipFile.OpenRead(feed.Package("Flask.Testing.Cli.any"));
        foreach (string platform in new[] { "linux-x64", "linux-arm64", "osx-arm64", "win-x64" })
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith($"tools/net10.0/any/runtimes/{platform}/native/", StringComparison.Ordinal)
                && e.Name.Contains("e_sqlite3", StringComparison.Ordinal));
    }

    /// <summary>The nuspec of the package <paramref name="id"/> of this feed.</summary>
    private string Nuspec(string id)
    {
        string package = Packages.Single(p => Path.GetFileName(p) == $"{id}.{feed.Version}.nupkg");
        using ZipArchive zip = ZipFile.OpenRead(package);
        return Read(zip, $"{id}.nuspec");
    }

    [Fact]
    public void The_tool_packages_carry_no_Roslyn()
    {
        // The CLI reads --rubrics with the generator's parser, shared as source without Roslyn types: the compiler
        // (about 10 MB and its satellite resources) is not the tool's to ship, in any of its packages.
        string[] tools = [.. Packages.Where(p => Path.GetFileName(p).StartsWith("Flask.Testing.Cli.", StringComparison.Ordinal))];
        Assert.Contains(feed.Package("Flask.Testing.Cli.any"), tools);
        foreach (string package in tools)
        {
            using ZipArchive zip = ZipFile.OpenRead(package);
            Assert.DoesNotContain(zip.Entries, e => e.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }
    }

    private static string Read(ZipArchive zip, string entry)
    {
        ZipArchiveEntry? found = zip.GetEntry(entry);
        Assert.True(found is not null, $"no {entry}");
        using var reader = new StreamReader(found.Open());
        return reader.ReadToEnd();
    }
}
