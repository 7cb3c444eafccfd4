using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Every field of a full results line deleted, then set to null, one at a time: each command that reads results
/// (report, gate, import, compare) either reads the line or refuses it in one line naming its file and line, exit 2 —
/// never an internal error (exit 70), and never a line one command refuses while another takes it.
/// </summary>
public sealed class ResultsLineMutationTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-results-mutation");

    public void Dispose() => _work.Dispose();

    // Where the format has a value: deleting it or writing null refuses the line (a list element: writing null; the
    // list may be shorter). The rest is optional (absent or null reads as "none"). A scored skill has a score. The
    // writer always writes domains (maybe []) and judgeModel; a line without them is not one it wrote.
    private static readonly HashSet<string> Required =
    [
        "id", "instruction", "domains", "domains[0]", "skills", "judgeModel",
        "skills[0]", "skills[0].id", "skills[0].name", "skills[0].ability", "skills[0].status", "skills[0].score", "skills[0].passed",
        "skills[1]", "skills[1].id", "skills[1].name", "skills[1].ability", "skills[1].status", "skills[1].passed",
        "skills[2]", "skills[2].id", "skills[2].name", "skills[2].ability", "skills[2].status", "skills[2].passed",
        "unrequested[0]", "unrequested[0].key", "unrequested[0].status", "unrequested[0].score", "unrequested[0].judge",
    ];

    // Written null, these are refused too (a JSON null is no number or flag), though they may be left out.
    private static readonly HashSet<string> NotNull =
    [
        "inputTokens", "outputTokens", "latencyMs", "cacheHit", "unrequested[0].sample",
    ];

    /// <summary>A results line with every field the format has: three skills (scored, N/A, judge error), an unrequested score.</summary>
    private static JsonObject FullLine() => JsonNode.Parse(ResultsJson.ToLine(new ScoredResponse
    {
        Id = "App.Tests.Case_0001",
        DisplayName = "Case 1",
        Model = "app-model",
        Instruction = "Question 1?",
        Response = "The answer is 1.",
        Reference = "1.",
        Domains = ["Coding"],
        Difficulty = "expert_level_knowledge",
        Skills =
        [
            new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, 4, 3, true, "Right.", null),
            new ScoredSkill("Readability", "Readability", "User Alignment", SkillScoreStatus.NotApplicable, null, null, true, "Does not apply.", null),
            new ScoredSkill("Conciseness", "Conciseness", "User Alignment", SkillScoreStatus.JudgeError, null, null, false, null, "no score"),
        ],
        Unrequested = [new UnrequestedScore("Completeness", SkillScoreStatus.Scored, 5, "judge-a", 1)],
        Review = "Shared review.",
        JudgeModel = "judge-a",
        InputTokens = 10,
        OutputTokens = 2,
        LatencyMs = 12.5,
        CacheHit = true,
    }))!.AsObject();

    /// <summary>Every field and list element of the full line, by its path (<c>skills[0].ability</c>), once.</summary>
    public static TheoryData<string> Paths()
    {
        var paths = new TheoryData<string>();
        void Walk(JsonNode node, string prefix)
        {
            if (node is JsonObject o)
            {
                foreach (var (name, value) in o)
                {
                    string path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    paths.Add(path);
                    if (value is not null)
                        Walk(value, path);
                }
            }
            else if (node is JsonArray a)
            {
                for (int i = 0; i < a.Count; i++)
                {
                    paths.Add($"{prefix}[{i}]");
                    if (a[i] is { } item)
                        Walk(item, $"{prefix}[{i}]");
                }
            }
        }
        Walk(FullLine(), "");
        return paths;
    }

    [Fact]
    public void The_full_line_has_every_field_of_a_result_and_of_its_skills()
    {
        // So that a field added to the format is mutated here too (and lands in Required or not, deliberately).
        string[] paths = [.. Paths().Select(row => row.Data)];
        string[] skill = [.. paths.Where(p => p.StartsWith("skills[0].", StringComparison.Ordinal)).Select(p => p["skills[0].".Length..])];
        Assert.Equal(["id", "name", "ability", "status", "score", "minScore", "passed", "feedback"], skill);
        Assert.Contains("skills[2].error", paths);
        Assert.Equal(16, paths.Count(p => !p.Contains('.', StringComparison.Ordinal) && !p.Contains('[', StringComparison.Ordinal)));
        Assert.Empty(Required.Concat(NotNull).Except(paths));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_field_deleted_or_null_is_read_or_refused_with_its_line_by_every_command(string path)
    {
        Directory.CreateDirectory(_work);
        string good = Path.Combine(_work, "good.jsonl");
        File.WriteAllLines(good, [FullLine().ToJsonString(), FullLine().ToJsonString().Replace("Case_0001", "Case_0002", StringComparison.Ordinal)]);
        foreach (bool delete in new[] { true, false })
        {
            JsonObject line = FullLine();
            Mutate(line, path, delete);
            string name = $"{(delete ? "deleted" : "null")}-{path.Replace('[', '_').Replace(']', '_').Replace('.', '_')}.jsonl";
            string results = Path.Combine(_work, name);
            File.WriteAllLines(results, [File.ReadLines(good).Last(), line.ToJsonString()]);
            bool refused = (Required.Contains(path) && !(delete && path.EndsWith(']'))) || (!delete && NotNull.Contains(path));

            var runs = await Task.WhenAll(
                Cli.RunAsync(["report", results, "--include-unrequested"]),
                Cli.RunAsync(["gate", "--baseline", good, "--current", results, "--annotations", "none"]),
                Cli.RunAsync(["import", results, "--store", Path.Combine(_work, $"{name}.db")]),
                Cli.RunAsync(["compare", good, results, "--store", Path.Combine(_work, $"{name}.compare.db")]));

            foreach (var (command, run) in new[] { "report", "gate", "import", "compare" }.Zip(runs))
            {
                string what = $"{command} with {path} {(delete ? "deleted" : "null")}: exit {run.ExitCode}: {run.Errors}";
                Assert.DoesNotContain("internal error", run.Errors, StringComparison.Ordinal);
                if (refused)
                {
                    Assert.True(run.ExitCode == 2, what);
                    string error = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                    Assert.Contains($"{results}(2): not a FLASK result: ", error, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(run.ExitCode is 0 or 1, what);
                }
            }
        }
    }

    private static void Mutate(JsonObject line, string path, bool delete)
    {
        // The parent of the last step, then the step: a property name or a list index.
        string[] steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = line;
        foreach (string step in steps[..^1])
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        string last = steps[^1];
        if (last.StartsWith('['))
        {
            int index = int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (delete)
                parent.AsArray().RemoveAt(index);
            else
                parent[index] = null;
        }
        else if (delete)
            parent.AsObject().Remove(last);
        else
            parent[last] = null;
    }
}
