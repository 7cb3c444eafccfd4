using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The response cache's journal: answers appended one line each to a journal per cache instance; concurrent writers
/// lose nothing, a line cut off by a killed run is a named miss, and caches of the older form (a file per entry) still
/// replay.
/// </summary>
public sealed class CacheJournalTests : IDisposable
{
    private readonly TempDirectory _cache = new("flask-cache-journal-tests");

    public void Dispose() => _cache.Dispose();

    private static JudgeRequest Request(string response) => CacheCases.Request(response, $"row {response}");

    private IChatClient Client(LoopbackJudge? judge, JudgeCacheMode mode) => FlaskJudgeClient.Create(CacheCases.Settings(judge, mode, _cache))!;

    private static Task<JudgeResult> Judge(IChatClient client, string response) =>
        new FlaskJudge(client).JudgeAsync(Request(response), TestContext.Current.CancellationToken);

    private IReadOnlyDictionary<string, string> Entries() => new JudgeCacheDirectory(_cache).Entries();

    [Fact]
    public async Task Two_hundred_concurrent_distinct_requests_record_two_hundred_entries_and_replay_them_all()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        IChatClient client = Client(judge, JudgeCacheMode.ReadWrite);

        JudgeResult[] judged = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Judge(client, $"answer {i}"))));

        Assert.Equal(200, judge.RequestCount);
        Assert.All(judged, r => Assert.Empty(r.Warnings));
        Assert.Equal(200, Entries().Count);
        Assert.Equal(200, File.ReadAllLines(Assert.Single(Directory.GetFiles(_cache, "*.jsonl"))).Length);
        IChatClient replay = Client(judge: null, JudgeCacheMode.Replay);
        JudgeResult[] replayed = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Judge(replay, $"answer {i}"))));
        Assert.All(replayed, r => Assert.True(r.CacheHit));
    }

    [Fact]
    public async Task Two_caches_on_one_directory_writing_at_once_lose_no_entry()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(3));
        IChatClient first = Client(judge, JudgeCacheMode.ReadWrite), second = Client(judge, JudgeCacheMode.ReadWrite);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Judge(i % 2 == 0 ? first : second, $"answer {i}"))));

        Assert.Equal(200, Entries().Count);
        Assert.Equal(2, Directory.GetFiles(_cache, "*.jsonl").Length); // a journal per cache: no writer appends to another's
        IChatClient replay = Client(judge: null, JudgeCacheMode.Replay);
        for (int i = 0; i < 200; i++)
            Assert.True((await Judge(replay, $"answer {i}")).CacheHit);
    }

    [Fact]
    public void Lines_appended_from_many_threads_at_once_are_each_whole_and_all_read_back()
    {
        var cache = new JudgeCacheDirectory(_cache);
        var random = new Random(20261130);
        // Lines of very different lengths, so that writes finishing out of order would show as torn or shifted lines.
        var lines = Enumerable.Range(0, 2000)
            .Select(i => JournalLine.OfJson($"K{i:D5}", System.Text.Encoding.UTF8.GetBytes($"{{\"messages\":[{{\"text\":\"{new string('x', random.Next(0, 20_000))}\"}}],\"n\":{i}}}"), "m", null))
            .ToArray();
        Parallel.ForEach(lines, new ParallelOptions { MaxDegreeOfParallelism = 8 }, line => cache.Write(line));

        var reread = new JudgeCacheDirectory(_cache);
        Assert.Empty(reread.Damaged);
        IReadOnlyDictionary<string, string> entries = reread.Entries();
        Assert.Equal(lines.Length, entries.Count);
        foreach (JournalLine line in lines)
            Assert.Equal(System.Text.Encoding.UTF8.GetString(line.Entry.Span), entries[line.Key]);
        Assert.Equal(lines.Sum(l => (long)l.Bytes.Length), new FileInfo(Assert.Single(Directory.GetFiles(_cache, "*.jsonl"))).Length);
    }

    [Fact]
    public void Writers_that_start_at_once_share_one_journal()
    {
        // The journal is opened by the first write; a writer that looked for it while it was being created must not
        // take it for deleted and open a second one (seen as a third journal of two processes in CacheProcessesTests).
        for (int round = 0; round < 100; round++)
        {
            string directory = Path.Combine(_cache, $"r{round}");
            var cache = new JudgeCacheDirectory(directory);
            using var start = new Barrier(8);
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                start.SignalAndWait();
                cache.Write(JournalLine.OfJson($"K{round}-{i}", "{\"n\":1}"u8.ToArray(), "m", null));
            });
            Assert.Single(Directory.GetFiles(directory, "*.jsonl"));
            Assert.Equal(8, new JudgeCacheDirectory(directory).Entries().Count);
        }
    }

    [Fact]
    public async Task A_line_cut_off_by_a_killed_run_is_a_named_miss_and_is_judged_again()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));
        IChatClient recording = Client(judge, JudgeCacheMode.ReadWrite);
        await Judge(recording, "kept");
        await Judge(recording, "cut");
        string journal = Assert.Single(Directory.GetFiles(_cache, "*.jsonl"));
        byte[] bytes = File.ReadAllBytes(journal);
        File.WriteAllBytes(journal, bytes[..(bytes.Length - 40)]); // kill -9 in the middle of the second line's write

        Assert.True((await Judge(Client(judge: null, JudgeCacheMode.Replay), "kept")).CacheHit);
        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Client(judge: null, JudgeCacheMode.Replay), "cut"));
        JudgeResult judged = await Judge(Client(judge, JudgeCacheMode.ReadWrite), "cut");

        Assert.Matches(@"the cache holds 2 entries, recorded by [^;]+ \(1\), and 1 unreadable", miss.Message);
        Assert.Contains($"The judge cache has an unreadable line, {journal}:2: the line is cut off (the run that wrote it was stopped); its entry counts as a miss.", judged.Warnings);
        Assert.False(judged.CacheHit);
        Assert.Equal(3, judge.RequestCount);
        Assert.True((await Judge(Client(judge: null, JudgeCacheMode.Replay), "cut")).CacheHit);
    }

    [Fact]
    public async Task A_line_never_written_by_a_killed_run_before_later_ones_is_a_named_miss_and_the_later_lines_replay()
    {
        // Concurrent appends write at offsets reserved in order, each outside the lock: a run killed between the
        // reservation and the write of one line can leave zeros where that line goes, with later lines after them.
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));
        IChatClient recording = Client(judge, JudgeCacheMode.ReadWrite);
        foreach (string response in new[] { "first", "never written", "third", "fourth" })
            await Judge(recording, response);
        string journal = Assert.Single(Directory.GetFiles(_cache, "*.jsonl"));
        byte[] bytes = File.ReadAllBytes(journal);
        int second = Array.IndexOf(bytes, (byte)'\n') + 1, third = Array.IndexOf(bytes, (byte)'\n', second) + 1;
        Array.Clear(bytes, second, third - second);
        File.WriteAllBytes(journal, bytes);

        foreach (string response in new[] { "first", "third", "fourth" })
            Assert.True((await Judge(Client(judge: null, JudgeCacheMode.Replay), response)).CacheHit, response);
        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Client(judge: null, JudgeCacheMode.Replay), "never written"));
        JudgeResult judged = await Judge(Client(judge, JudgeCacheMode.ReadWrite), "never written");

        Assert.Matches(@"the cache holds 4 entries, recorded by [^;]+ \(3\), and 1 unreadable", miss.Message);
        Assert.Contains($"The judge cache has an unreadable line, {journal}:2: the line was never written (the run that wrote it was stopped); its entry counts as a miss.", judged.Warnings);
        Assert.False(judged.CacheHit);
        Assert.Equal(5, judge.RequestCount);
    }

    [Fact]
    public async Task Every_cut_of_a_journal_gives_hits_or_named_misses_never_a_crash()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(2)))
        {
            IChatClient recording = Client(judge, JudgeCacheMode.ReadWrite);
            await Judge(recording, "first");
            await Judge(recording, "second");
        }
        string journal = Assert.Single(Directory.GetFiles(_cache, "*.jsonl"));
        byte[] good = File.ReadAllBytes(journal);
        int firstLine = Array.IndexOf(good, (byte)'\n') + 1;
        var random = new Random(20261129);
        int[] cuts = [0, 1, firstLine - 1, firstLine, firstLine + 1, good.Length - 1, good.Length, .. Enumerable.Range(0, 150).Select(_ => random.Next(good.Length + 1))];
        foreach (int cut in cuts)
        {
            File.WriteAllBytes(journal, good[..cut]);
            foreach (var (response, complete) in new[] { ("first", cut >= firstLine), ("second", cut == good.Length) })
            {
                IChatClient replay = Client(judge: null, JudgeCacheMode.Replay);
                if (complete)
                    Assert.True((await Judge(replay, response)).CacheHit, $"cut at {cut}");
                else
                    await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(replay, response));
            }
        }
    }

    [Fact]
    public async Task A_cache_of_one_file_per_entry_replays_and_new_answers_go_to_a_journal_beside_it()
    {
        // The older form, as committed before the journal (here: the sample's recorded answers).
        string sample = Path.Combine(RepoPaths.Root, "samples", "SupportBot.Tests", "flask-cache");
        string[] legacy = Directory.GetFiles(sample, "*.json");
        Assert.NotEmpty(legacy);
        Directory.CreateDirectory(_cache);
        foreach (string file in legacy)
            File.Copy(file, Path.Combine(_cache, Path.GetFileName(file)));

        var census = new JudgeCacheDirectory(_cache).Census();
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        JudgeResult fresh = await Judge(Client(judge, JudgeCacheMode.ReadWrite), "not in the sample");

        Assert.Equal(legacy.Length, census.Entries);
        Assert.Equal(0, census.Unreadable);
        Assert.Equal(legacy.Length + 1, Entries().Count);
        Assert.Equal(legacy.Length, Directory.GetFiles(_cache, "*.json").Length); // left as they are
        Assert.Single(Directory.GetFiles(_cache, "*.jsonl"));
        Assert.False(fresh.CacheHit);
        Assert.True((await Judge(Client(judge: null, JudgeCacheMode.Replay), "not in the sample")).CacheHit);
    }
}
