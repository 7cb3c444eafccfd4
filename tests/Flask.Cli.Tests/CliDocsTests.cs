using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Flask.Cli.Commands;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>docs/cli.md names every option of every command in that command's section, and no option a command lacks.</summary>
public sealed partial class CliDocsTests
{
    private static readonly Command[] Commands =
    [
        BenchCommand.Create(), ReportCommand.Create(), GateCommand.Create(), AnnotateCommand.Create(), CalibrateCommand.Create(),
        ImportCommand.Create(), RunsCommand.Create(), CompareCommand.Create(),
    ];

    private static readonly string Page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md")).Replace("\r\n", "\n");

    /// <summary>The section of docs/cli.md headed with the command's name (runs, import and compare share one).</summary>
    private static string Section(string command)
    {
        Match heading = Regex.Match(Page, $@"^## `dotnet flask {command}`.*$|^## `dotnet flask [a-z]+`, .*`{command}`.*$", RegexOptions.Multiline);
        Assert.True(heading.Success, $"docs/cli.md has no section for dotnet flask {command}");
        int end = Page.IndexOf("\n## ", heading.Index + heading.Length, StringComparison.Ordinal);
        return end < 0 ? Page[heading.Index..] : Page[heading.Index..end];
    }

    private static IEnumerable<string> Names(Option option) => option.Aliases.Prepend(option.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    // The judge's options, shared by the commands that ask a judge, are documented once, in the introduction.
    private static readonly string[] JudgeOptions = ["--judge-endpoint", "--judge-model", "--cache", "--cache-dir"];

    [Fact]
    public void Every_option_of_every_command_is_in_its_section_of_cli_md()
    {
        string introduction = Page[..Page.IndexOf("\n## Exit codes", StringComparison.Ordinal)];
        string[] missing = [.. Commands.SelectMany(c => c.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal))
            .Where(o => !Mentions(Section(c.Name), o.Name) && !(JudgeOptions.Contains(o.Name) && Mentions(introduction, o.Name)))
            .Select(o => $"{c.Name} {o.Name}"))];

        Assert.True(missing.Length == 0, "undocumented in docs/cli.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_option_cli_md_names_for_a_command_exists()
    {
        // From "## Exit codes" on, every --option is a dotnet flask option (the introduction also shows dotnet's own).
        string commandsPart = Page[Page.IndexOf("\n## Exit codes", StringComparison.Ordinal)..];
        HashSet<string> known = [.. Commands.SelectMany(c => c.Options).SelectMany(Names), "--help"];

        string[] unknown = [.. OptionToken().Matches(commandsPart).Select(m => m.Value).Distinct().Where(o => !known.Contains(o))];

        Assert.True(unknown.Length == 0, "docs/cli.md names options no command has: " + string.Join(", ", unknown));
    }

    private static bool Mentions(string text, string option) => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(option)}(?![\w-])");

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex OptionToken();
}
