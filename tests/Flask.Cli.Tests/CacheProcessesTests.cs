using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>Two flask bench processes recording into one response cache at once lose no entry, and the cache replays.</summary>
public sealed class CacheProcessesTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-cache-processes");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Two_processes_recording_two_hundred_answers_into_one_cache_at_once_keep_every_one_and_replay_them()
    {
        string dataset = Cli.Slice(_work, 200);
        string cache = Path.Combine(_work, "cache");
        await using var judge = await LoopbackJudge.StartAsync(HeuristicReviewer.Review);
        string[] common = ["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--concurrency", "16", .. Cli.Judge(judge, cache)];

        var runs = await Task.WhenAll(
            Cli.RunAsync([.. common, "--out", Path.Combine(_work, "s1.jsonl"), "--shard", "1/2"]),
            Cli.RunAsync([.. common, "--out", Path.Combine(_work, "s2.jsonl"), "--shard", "2/2"]));
        int judged = ResultsJson.ReadLines(Path.Combine(_work, "s1.jsonl")).Count() + ResultsJson.ReadLines(Path.Combine(_work, "s2.jsonl")).Count();
        int asked = judge.RequestCount;

        var replay = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", Path.Combine(_work, "replay.jsonl"),
            "--cache", "replay", "--cache-dir", cache]);

        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.InRange(judged, 190, 200); // FLASK has no gpt4 output for a few instances
        Assert.Equal(judged, asked);
        Assert.Equal(2, Directory.GetFiles(cache, "*.jsonl").Length); // a journal per process
        Assert.Equal(judged, Keys(cache).Count);
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(judged, ResultsJson.ReadLines(Path.Combine(_work, "replay.jsonl")).Count());
        Assert.Equal(asked, judge.RequestCount);
    }

    /// <summary>The distinct keys of the cache's journal lines; every line must be a whole entry.</summary>
    private static HashSet<string> Keys(string cache) => [.. Directory.GetFiles(cache, "*.jsonl").SelectMany(File.ReadLines).Where(l => l.Length > 0)
        .Select(l =>
        {
            using JsonDocument line = JsonDocument.Parse(l);
            Assert.Equal(JsonValueKind.Object, line.RootElement.GetProperty("entry").ValueKind);
            return line.RootElement.GetProperty("key").GetString()!;
        })];
}
