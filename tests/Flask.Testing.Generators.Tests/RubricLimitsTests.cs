using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing.Generators.Parse;
using Flask.Testing.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// Hostile rubric files cost the compiler little: size, nesting and alias expansion are bounded while the YAML is read,
/// and each bound is a located FLASK001 instead of a stack overflow (which would also kill the shared compiler server)
/// or an exponential build.
/// </summary>
public sealed class RubricLimitsTests
{
    private const string Path = "/app/rubrics/hostile.yaml";

    /// <summary>Runs the generator on another thread and waits a generous time: a hang guard, not a performance assertion.</summary>
    private static Diagnostic[] DiagnoseWithin(string yaml, TimeSpan hangGuard)
    {
        Task<Diagnostic[]> run = Task.Run(() => GeneratorHarness.Run([new TestRubric(Path, yaml)]).Result.Diagnostics.ToArray(), TestContext.Current.CancellationToken);
        Assert.True(run.Wait(hangGuard, TestContext.Current.CancellationToken), $"the generator did not finish within {hangGuard.TotalSeconds} s");
        return run.Result;
    }

    private static void AssertFlask001(Diagnostic[] diagnostics, int line, int column, string messagePart)
    {
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLASK001", diagnostic.Id);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal((Path, line, column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_hundred_thousand_open_brackets_are_FLASK001_at_the_first_bracket_too_deep()
    {
        string yaml = "id: Tone\ncriteria: " + new string('[', 100_000) + "\n";

        // The root mapping is level 1, so the 32nd bracket is one level too deep; "criteria: " is 10 characters.
        AssertFlask001(DiagnoseWithin(yaml, TimeSpan.FromMinutes(2)), 2, 10 + RubricLimits.MaxDepth, "nested more than 32 levels deep");
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        // The root mapping is level 1; criteria's lists fill the other 31 levels.
        int lists = RubricLimits.MaxDepth - 1;
        string yaml = TestRubric.Valid("Tone").Replace("criteria: Does the response do what Tone asks?", "criteria: " + new string('[', lists) + new string(']', lists));

        Diagnostic diagnostic = Assert.Single(DiagnoseWithin(yaml, TimeSpan.FromMinutes(2)));
        Assert.Equal("FLASK007", diagnostic.Id); // a list where a text belongs: read, then rejected for its type
    }

    [Fact]
    public void A_nine_level_alias_bomb_in_a_mapping_key_is_FLASK001()
    {
        var yaml = new StringBuilder("id: Tone\nname: Tone\nability: Brand\nlevels:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        string previous = "a";
        foreach (char level in "bcdefghi")
        {
            yaml.Append($"  {level}: &{level} [{string.Join(",", Enumerable.Repeat("*" + previous, 9))}]\n");
            previous = level.ToString();
        }
        yaml.Append("? *i\n: boom\n");

        // Levels a to d expand to 10 + 91 + 820 + 7,381 nodes; level e crosses 10,000 at its second alias.
        Diagnostic[] diagnostics = DiagnoseWithin(yaml.ToString(), TimeSpan.FromMinutes(2));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLASK001", diagnostic.Id);
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("expands to more than 10,000 nodes", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_ten_megabyte_criteria_is_FLASK001_at_the_file_start()
    {
        string yaml = TestRubric.Valid("Tone").Replace("criteria: Does the response do what Tone asks?", "criteria: " + new string('x', 10 * 1024 * 1024));

        AssertFlask001(DiagnoseWithin(yaml, TimeSpan.FromMinutes(2)), 1, 1, "characters; a rubric file may have at most 262,144");
    }
}
