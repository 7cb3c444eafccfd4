using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// `bench --concurrency N` is the number of judge calls in flight: reached, never exceeded, whatever FLASK_JUDGE_CONCURRENCY
/// says.
/// </summary>
public sealed class BenchConcurrencyTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-concurrency");

    public void Dispose() => _work.Dispose();

    public static TheoryData<string?, int> Settings => new()
    {
        { null, 1 },
        { null, 3 },
        { "2", 5 },  // the setting is lower than --concurrency
        { "16", 4 }, // the setting is higher than --concurrency
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task The_judge_sees_exactly_the_concurrency_asked_for(string? setting, int concurrency)
    {
        const int instances = 24;
        Directory.CreateDirectory(_work);
        string dataset = Path.Combine(_work, "set.jsonl");
        File.WriteAllLines(dataset, Enumerable.Range(1, instances).Select(i => $$"""{"idx": {{i}}, "instruction": "Q{{i}}", "answer": "A", "skill": ["Factuality"]}"""));
        string responses = Path.Combine(_work, "responses.jsonl");
        File.WriteAllLines(responses, Enumerable.Range(1, instances).Select(i => $$"""{"question_id": {{i}}, "text": "R{{i}}"}"""));
        string output = Path.Combine(_work, "out.jsonl");
        // Each answer takes long enough that the calls of one wave overlap on any machine.
        await using var judge = await LoopbackJudge.StartAsync(call => LoopbackJudge.ScoreAll(4)(call) with { Delay = TimeSpan.FromMilliseconds(150) });

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", output,
                "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--judge-endpoint", judge.BaseUrl.ToString(), "--judge-model", "loopback-judge", "--cache", "off", "--store", "off"],
            new Dictionary<string, string?> { ["FLASK_JUDGE_CONCURRENCY"] = setting });

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Equal(instances, judge.RequestCount);
        Assert.Equal(instances, ResultsJson.ReadLines(output).Count());
        Assert.Equal(concurrency, judge.MaxConcurrentRequests);
    }
}
