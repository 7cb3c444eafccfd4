using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Issue 12: every number a user reads is invariant. The gate, the reports and the comparison print the same text on a
/// German machine (decimal comma, other list separators) as on an English one.
/// </summary>
public sealed class CultureTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-culture");

    public void Dispose() => _work.Dispose();

    private static Dictionary<string, string?> Culture(string name) => new() { ["LC_ALL"] = $"{name}.UTF-8", ["LANG"] = $"{name}.UTF-8" };

    private string Results(string name, Func<int, double> comprehension)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, $"{name}.jsonl");
        var random = new Random(12);
        File.WriteAllLines(path, Enumerable.Range(1, 30).Select(i => ResultsJson.ToLine(new ScoredResponse
        {
            Id = $"case-{i}",
            Model = $"app-{name}",
            Instruction = $"Question {i}",
            Response = $"Answer {i}",
            Domains = [i % 2 == 0 ? "Coding" : "Math"],
            Difficulty = $"{1 + (i % 5)}",
            InputTokens = 1234 + i,
            OutputTokens = 56,
            Skills =
            [
                new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, 3 + random.Next(0, 3) * 0.5, 3, true, "ok", null),
                new ScoredSkill("Comprehension", "Comprehension", "Problem Handling", SkillScoreStatus.Scored, comprehension(i), 3, comprehension(i) >= 3, "ok", null),
            ],
        })));
        return path;
    }

    [Fact]
    public async Task Gate_report_and_compare_print_the_same_numbers_under_de_DE_as_under_en_US()
    {
        string baseline = Results("baseline", i => 4 + (i % 3) * 0.25);
        string current = Results("current", i => 2.5 + (i % 3) * 0.25);
        string[][] commands =
        [
            ["gate", "--baseline", baseline, "--current", current],
            ["report", baseline, current, "--format", "md"],
            ["report", baseline, current, "--format", "json"],
            ["compare", baseline, current],
        ];

        foreach (string[] command in commands)
        {
            var english = await Cli.RunAsync(command, Culture("en_US"));
            var german = await Cli.RunAsync(command, Culture("de_DE"));

            Assert.True(english.ExitCode is 0 or 1, $"{string.Join(' ', command.Take(1))}: exit {english.ExitCode}: {english.Errors}");
            Assert.Equal(english.ExitCode, german.ExitCode);
            Assert.Equal(english.Output, german.Output);
            Assert.Equal(english.Errors, german.Errors);
            // The comparison is not vacuous: decimals are printed, with a point.
            Assert.Matches(new Regex(@"\d\.\d\d"), english.Output);
            Assert.DoesNotMatch(new Regex(@"\d,\d\d\b"), german.Output);
        }
    }
}
