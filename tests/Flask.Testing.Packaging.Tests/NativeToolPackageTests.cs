using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// The tool's RID-specific packages (src/Flask.Cli/Flask.Cli.csproj): Flask.Testing.Cli points to
/// Flask.Testing.Cli.linux-x64 (the Native AOT executable) and Flask.Testing.Cli.any (the framework-dependent tool, for
/// every other platform).
/// </summary>
public sealed class NativeToolPackageTests(PackedFeed feed)
{
    /// <summary>The first four bytes of an ELF file: what a Linux native executable is.</summary>
    internal static readonly byte[] ElfMagic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>The native package is packed on a linux-x64 host only (Native AOT compiles for its host's OS).</summary>
    internal static void SkipUnlessLinuxX64() =>
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            $"the native tool package is packed and installed on linux-x64 only; this host is {RuntimeInformation.RuntimeIdentifier}");

    [Fact]
    public void The_tool_package_points_to_the_native_linux_x64_package_and_the_framework_dependent_any_package()
    {
        using ZipArchive zip = ZipFile.OpenRead(feed.Package("Flask.Testing.Cli"));
        string settings = Read(zip, "tools/any/any/DotnetToolSettings.xml");
        Assert.Contains("""<Command Name="dotnet-flask" />""", settings);
        Assert.Contains("""<RuntimeIdentifierPackage RuntimeIdentifier="linux-x64" Id="Flask.Testing.Cli.linux-x64" />""", settings);
        Assert.Contains("""<RuntimeIdentifierPackage RuntimeIdentifier="any" Id="Flask.Testing.Cli.any" />""", settings);
        // Alpine x64 (musl) is a linux-x64 machine in the RID graph: it is sent to the framework-dependent package.
        Assert.Contains("""<RuntimeIdentifierPackage RuntimeIdentifier="linux-musl-x64" Id="Flask.Testing.Cli.any" />""", settings);
        Assert.Contains("""<packageType name="DotnetTool" />""", Read(zip, "Flask.Testing.Cli.nuspec"));
        // A pointer only: the tool's files are in the RID packages.
        Assert.Equal(["tools/any/any/DotnetToolSettings.xml"], zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.FullName));
    }

    [Fact]
    public void The_linux_x64_package_holds_the_native_executable_and_SQLites_library_and_no_managed_tool()
    {
        SkipUnlessLinuxX64();
        using ZipArchive zip = ZipFile.OpenRead(feed.Package("Flask.Testing.Cli.linux-x64"));
        Assert.Contains("""<Command Name="dotnet-flask" EntryPoint="dotnet-flask" Runner="executable" />""", Read(zip, "tools/any/linux-x64/DotnetToolSettings.xml"));
        Assert.Contains("""<packageType name="DotnetToolRidPackage" />""", Read(zip, "Flask.Testing.Cli.linux-x64.nuspec"));

        ZipArchiveEntry executable = Assert.Single(zip.Entries, e => e.FullName == "tools/any/linux-x64/dotnet-flask");
        using (Stream stream = executable.Open())
        {
            byte[] head = new byte[4];
            stream.ReadExactly(head);
            Assert.Equal(ElfMagic, head);
        }
        // The executable, SQLite's library and the tool's settings, nothing else: everything managed is compiled into
        // the executable (no assembly, runtime configuration, IL .pdb or XML docs) and no 38 MB of native debug symbols.
        Assert.Equal(["tools/any/linux-x64/DotnetToolSettings.xml", "tools/any/linux-x64/dotnet-flask", "tools/any/linux-x64/libe_sqlite3.so"],
            zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_any_package_is_the_framework_dependent_tool_run_by_dotnet()
    {
        using ZipArchive zip = ZipFile.OpenRead(feed.Package("Flask.Testing.Cli.any"));
        Assert.Contains("""<Command Name="dotnet-flask" EntryPoint="dotnet-flask.dll" Runner="dotnet" />""", Read(zip, "tools/net10.0/any/DotnetToolSettings.xml"));
        Assert.Contains("""<packageType name="DotnetToolRidPackage" />""", Read(zip, "Flask.Testing.Cli.any.nuspec"));
        foreach (string file in new[] { "dotnet-flask.dll", "dotnet-flask.runtimeconfig.json", "dotnet-flask.deps.json", "Flask.Testing.dll" })
            Assert.Contains(zip.Entries, e => e.FullName == $"tools/net10.0/any/{file}");
        // Framework-dependent, for every platform: no native executable of its own.
        Assert.DoesNotContain(zip.Entries, e => e.FullName is "tools/net10.0/any/dotnet-flask" or "tools/net10.0/any/dotnet-flask.exe");
    }

    private static string Read(ZipArchive zip, string entry)
    {
        ZipArchiveEntry? found = zip.GetEntry(entry);
        Assert.True(found is not null, $"no {entry} in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(found.Open());
        return reader.ReadToEnd();
    }
}
