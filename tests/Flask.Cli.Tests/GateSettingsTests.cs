using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>dotnet flask gate reads its tolerance like every setting: FLASK_GATE_TOLERANCE, overridden by --tolerance.</summary>
public sealed class GateSettingsTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-gate-settings");

    public void Dispose() => _work.Dispose();

    /// <summary>A run of 20 instances scoring <paramref name="score"/> on Comprehension, written without a judge.</summary>
    private string Run(string name, double score)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, $"{name}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, 20).Select(i => ResultsJson.ToLine(new ScoredResponse
        {
            Id = $"item-{i}",
            Instruction = $"Question {i}",
            Skills = [new ScoredSkill("Comprehension", "Comprehension", "Problem Handling", SkillScoreStatus.Scored, score, null, true, null, null)],
        })));
        return path;
    }

    [Fact]
    public async Task Gate_honours_FLASK_GATE_TOLERANCE_and_the_tolerance_option_overrides_it()
    {
        string baseline = Run("baseline", 4), current = Run("current", 3.5);
        var tolerant = new Dictionary<string, string?> { ["FLASK_GATE_TOLERANCE"] = "1" };

        var byDefault = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current]);
        var byVariable = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current], tolerant);
        var byOption = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current, "--tolerance", "0.25"], tolerant);

        Assert.Equal(1, byDefault.ExitCode); // a 0.5 drop against the default 0.25
        Assert.Equal(0, byVariable.ExitCode); // within the variable's 1 point
        Assert.Contains("none regressed", byVariable.Output);
        Assert.Equal(1, byOption.ExitCode); // the option wins over the variable
        Assert.Contains("Comprehension fell from 4.00 to 3.50", byOption.Output);
    }

    [Theory]
    [InlineData("FLASK_GATE_TOLERANCE", "a quarter", null, "FLASK_GATE_TOLERANCE must be a number of score points, 0 or more, such as 0.25, not 'a quarter'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "-1", null, "FLASK_GATE_TOLERANCE must be a number of score points, 0 or more, such as 0.25, not '-1'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "0.5", "0,5", "--tolerance must be a number of score points, 0 or more, such as 0.25, not '0,5'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "0.5", "4", "--tolerance must be below 4 score points, such as 0.25 (4 is the largest drop there is, every score from 5 to 1: the gate would fail on nothing less), not '4'.")]
    [InlineData("FLASK_REQUIRE_JUDGE", "on", null, "FLASK_REQUIRE_JUDGE must be true or false, not 'on'.")]
    public async Task An_invalid_value_is_one_line_naming_where_it_came_from_and_exit_2(string variable, string value, string? option, string expected)
    {
        string baseline = Run("baseline", 4);
        string[] arguments = ["gate", "--baseline", baseline, "--current", baseline, .. option is null ? Array.Empty<string>() : ["--tolerance", option]];

        var run = await Cli.RunAsync(arguments, new Dictionary<string, string?> { [variable] = value });

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"dotnet flask: {expected}", run.Errors.Trim());
    }
}
