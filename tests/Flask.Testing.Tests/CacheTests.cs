using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using System.Text.Json;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The response cache: a repeated run asks the judge nothing; replay mode never calls a judge.</summary>
public sealed class CacheTests : IDisposable
{
    private readonly TempDirectory _cache = new("flask-cache-tests");

    public void Dispose() => _cache.Dispose();

    private static JudgeRequest Request(string response) => CacheCases.Request(response, "hamlet-summary");

    private FlaskJudgeSettings Settings(LoopbackJudge? judge, JudgeCacheMode mode) => CacheCases.Settings(judge, mode, _cache);

    private static async Task<JudgeResult> Judge(FlaskJudgeSettings settings, string response, string? model = null) =>
        await new FlaskJudge(FlaskJudgeClient.Create(settings)!, new FlaskJudgeOptions { Model = model }).JudgeAsync(Request(response), TestContext.Current.CancellationToken);

    /// <summary>The cache's entries (key, JSON), read as the cache reads them.</summary>
    private IReadOnlyDictionary<string, string> Entries() => new JudgeCacheDirectory(_cache).Entries();

    /// <summary>The one journal line of the cache (one line per entry, in a journal file).</summary>
    private string JournalLine() => Assert.Single(File.ReadAllLines(Assert.Single(Directory.GetFiles(_cache, "*.jsonl"))), l => l.Length > 0);

    /// <summary>
    /// The single recorded entry turned into the older form of the cache (one indented file per entry, named by its
    /// key), as a team committed it before the journal: returns the file.
    /// </summary>
    private string EntryFile()
    {
        var (key, entry) = Assert.Single(Entries());
        foreach (string journal in Directory.GetFiles(_cache, "*.jsonl"))
            File.Delete(journal);
        string file = Path.Combine(_cache, key + ".json");
        using (JsonDocument document = JsonDocument.Parse(entry))
            File.WriteAllText(file, JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        return file;
    }

    [Fact]
    public async Task A_second_identical_run_makes_zero_judge_requests()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        FlaskJudgeSettings settings = Settings(judge, JudgeCacheMode.ReadWrite);

        JudgeResult first = await Judge(settings, "A prince avenges his father.");
        JudgeResult second = await Judge(settings, "A prince avenges his father.");

        Assert.Equal(1, judge.RequestCount);
        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.Scores.Select(s => s.Score), second.Scores.Select(s => s.Score));
        Assert.Equal(first.Reviews.Single().Text, second.Reviews.Single().Text);
    }

    [Fact]
    public async Task Anything_that_changes_the_answer_misses_the_cache()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        FlaskJudgeSettings settings = Settings(judge, JudgeCacheMode.ReadWrite);
        var judgeWith = (FlaskJudgeOptions options) => new FlaskJudge(FlaskJudgeClient.Create(settings)!, options);

        await judgeWith(new FlaskJudgeOptions()).JudgeAsync(Request("A"), TestContext.Current.CancellationToken);
        await judgeWith(new FlaskJudgeOptions()).JudgeAsync(Request("B"), TestContext.Current.CancellationToken);                  // response
        await judgeWith(new FlaskJudgeOptions { Model = "other-judge" }).JudgeAsync(Request("A"), TestContext.Current.CancellationToken); // model
        await judgeWith(new FlaskJudgeOptions { Temperature = 0.7f }).JudgeAsync(Request("A"), TestContext.Current.CancellationToken);    // options
        var rewordedRubric = new Skill("Comprehension", "Comprehension", Ability.ProblemHandling, "Reworded criteria?", FlaskSkills.Comprehension.Scoring);
        await judgeWith(new FlaskJudgeOptions()).JudgeAsync(Request("A") with { Skills = [rewordedRubric, FlaskSkills.Conciseness] }, TestContext.Current.CancellationToken); // rubric text

        Assert.Equal(5, judge.RequestCount);
    }

    [Fact]
    public async Task The_stored_form_is_deterministic_json_one_line_per_entry()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");
        string stored = JournalLine();

        Directory.Delete(_cache, recursive: true);
        await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        Assert.Equal(stored, JournalLine());
        Assert.Matches("^\\{\"key\":\"[0-9A-F]{32,}\",\"entry\":\\{\"messages\":.*\\}\\}$", stored);
        Assert.Contains("Verdict", stored);
        Assert.Empty(Directory.GetFiles(_cache, "*.json"));
    }

    [Fact]
    public async Task Replay_answers_from_a_recorded_cache_without_any_judge()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(2)))
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        JudgeResult replayed = await Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.");

        Assert.True(replayed.CacheHit);
        Assert.All(replayed.Scores, s => Assert.Equal(2, s.Score));
    }

    [Fact]
    public async Task Replay_with_an_empty_cache_fails_clearly_naming_the_request_and_how_to_record()
    {
        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Settings(judge: null, JudgeCacheMode.Replay), "Never recorded."));

        Assert.Equal("hamlet-summary", miss.Label);
        Assert.Contains("No recorded judge answer for 'hamlet-summary'", miss.Message);
        Assert.Contains("FLASK_JUDGE_CACHE=readwrite", miss.Message);
        Assert.Contains(_cache, miss.Message);
    }

    [Fact]
    public async Task An_answer_asked_again_after_a_judge_error_is_cached_apart_and_replays_the_same_way()
    {
        int calls = 0;
        await using var judge = await LoopbackJudge.StartAsync(call => ++calls == 1 ? JudgeReply.Review("no scores") : LoopbackJudge.ScoreAll(5)(call));
        JudgeResult live = await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        JudgeResult replayed = await Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.");

        Assert.Equal(2, judge.RequestCount);
        Assert.Equal(2, Entries().Count);
        Assert.Equal(live.Reviews.Select(r => r.Text), replayed.Reviews.Select(r => r.Text));
        Assert.All(replayed.Scores, s => Assert.Equal(5, s.Score));
    }

    [Fact]
    public async Task Replay_without_a_model_finds_the_answers_of_the_model_that_recorded_them()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(2)))
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.", model: "recording-judge");

        JudgeResult replayed = await Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.", model: null);

        Assert.True(replayed.CacheHit);
        Assert.All(replayed.Scores, s => Assert.Equal(2, s.Score));
        Assert.Equal("recording-judge", replayed.JudgeModel);
        Assert.Contains("\"flaskModel\":\"recording-judge\"", Assert.Single(Entries()).Value);
    }

    [Fact]
    public async Task Replay_naming_another_model_says_what_it_looked_for_and_what_the_cache_holds()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(2)))
        {
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.", model: "recording-judge");
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "Another response.", model: "recording-judge");
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A third.", model: "second-judge");
        }

        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.", model: "other-judge"));

        Assert.Matches(@"no entry for key [0-9A-F]{32,} \(model other-judge\)", miss.Message);
        Assert.Contains("the cache holds 3 entries, recorded by recording-judge (2), second-judge (1)", miss.Message);
        Assert.Contains("set FLASK_JUDGE_MODEL to the recording model", miss.Message);
        Assert.DoesNotContain("holds no recorded answer", miss.Message);
    }

    [Fact]
    public async Task Replay_without_a_model_of_an_unrecorded_request_names_every_key_it_tried()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(2)))
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "Recorded.", model: "recording-judge");

        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Settings(judge: null, JudgeCacheMode.Replay), "Never recorded."));

        Assert.Matches(@"no entry for key [0-9A-F]+ \(no model named\), nor for the models that recorded the cache \(model recording-judge: key [0-9A-F]+\); the cache holds 1 entry, recorded by recording-judge \(1\)", miss.Message);
    }

    [Fact]
    public async Task Replay_of_a_missing_cache_directory_says_so()
    {
        var miss = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Settings(judge: null, JudgeCacheMode.Replay), "Never recorded.", model: "m"));

        Assert.Contains("(model m); the cache directory does not exist.", miss.Message);
    }

    public static TheoryData<string, byte[]> CorruptEntries => new()
    {
        { "truncated", "{\n  \"messages\": [\n    {\n      \"role\": \"assis"u8.ToArray() },
        { "invalid JSON", "{ this is not json }"u8.ToArray() },
        { "wrong shape", "{\"messages\": 5}"u8.ToArray() },
        { "no answer", "{\"unrelated\": true}"u8.ToArray() },
        { "empty", [] },
        { "binary", [0xFF, 0xFE, 0x00, 0x01, 0x9C, 0x80, 0x7F, 0xC3] },
    };

    [Theory]
    [MemberData(nameof(CorruptEntries))]
    public async Task A_corrupt_entry_is_a_miss_named_by_its_path_and_overwritten(string kind, byte[] content)
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");
        string good = Assert.Single(Entries()).Value;
        string file = EntryFile();
        File.WriteAllBytes(file, content);

        var replay = await Assert.ThrowsAsync<JudgeCacheMissException>(() => Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father."));
        JudgeResult judged = await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        Assert.Contains($"(the entry {file} is unreadable: ", replay.Message);
        Assert.Equal(2, judge.RequestCount);
        Assert.All(judged.Scores, s => Assert.Equal(4, s.Score));
        Assert.Contains(judged.Warnings, w => w.StartsWith($"The judge cache entry {file} is unreadable (", StringComparison.Ordinal) && w.EndsWith("overwritten with the judge's new answer.", StringComparison.Ordinal));
        Assert.Equal(good, Assert.Single(Entries()).Value); // overwritten with the new answer: {kind} is gone
        Assert.False(File.Exists(file));
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Fact]
    public async Task Every_truncation_or_corruption_of_an_entry_is_a_hit_or_a_named_miss_never_a_crash()
    {
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(3)))
            await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");
        string file = EntryFile();
        byte[] good = File.ReadAllBytes(file);
        var random = new Random(20260711);
        int hits = 0, misses = 0;
        for (int i = 0; i < 1500; i++)
        {
            byte[] corrupt = i < good.Length ? good[..i] : Corrupt(good, random);
            File.WriteAllBytes(file, corrupt);
            try
            {
                JudgeResult replayed = await Judge(Settings(judge: null, JudgeCacheMode.Replay), "A prince avenges his father.");
                Assert.True(replayed.CacheHit);
                hits++;
            }
            catch (JudgeCacheMissException miss)
            {
                // A flip inside the review text leaves a readable answer the judge cannot score: its re-ask misses.
                if (!IsJson(corrupt))
                    Assert.Contains($"(the entry {file} is unreadable: ", miss.Message);
                misses++;
            }
        }
        Assert.True(misses > good.Length - 5, $"{misses} misses");
        Assert.True(hits > 0, $"{hits} hits");
    }

    /// <summary>Whether the bytes still read as a judge answer with text (a flip inside the text keeps it one).</summary>
    private static bool IsJson(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<ChatResponse>(bytes, AIJsonUtilities.DefaultOptions) is { } response && response.Text.Length > 0;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static byte[] Corrupt(byte[] good, Random random)
    {
        byte[] bytes = [.. good];
        for (int flips = random.Next(1, 4); flips > 0; flips--)
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    [Fact]
    public async Task An_unwritable_cache_keeps_every_judged_result_and_warns_once()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        Directory.CreateDirectory(Path.GetDirectoryName(_cache.Path)!);
        File.WriteAllText(_cache, "a file where the cache directory should be"); // unwritable even for root
        try
        {
            IChatClient client = FlaskJudgeClient.Create(Settings(judge, JudgeCacheMode.ReadWrite))!;
            JudgeResult first = await new FlaskJudge(client).JudgeAsync(Request("A"), TestContext.Current.CancellationToken);
            JudgeResult second = await new FlaskJudge(client).JudgeAsync(Request("B"), TestContext.Current.CancellationToken);

            Assert.All(first.Scores.Concat(second.Scores), s => Assert.Equal(4, s.Score));
            string warning = Assert.Single(first.Warnings);
            Assert.StartsWith($"The judge cache in {_cache.Path} cannot be written (", warning);
            Assert.Empty(second.Warnings);
            Assert.Equal(2, judge.RequestCount);
        }
        finally
        {
            File.Delete(_cache);
        }
    }

    [Fact]
    public async Task A_cache_directory_deleted_mid_run_is_created_again()
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        IChatClient client = FlaskJudgeClient.Create(Settings(judge, JudgeCacheMode.ReadWrite))!;
        await new FlaskJudge(client).JudgeAsync(Request("A"), TestContext.Current.CancellationToken);
        Directory.Delete(_cache, recursive: true);

        JudgeResult second = await new FlaskJudge(client).JudgeAsync(Request("B"), TestContext.Current.CancellationToken);

        Assert.All(second.Scores, s => Assert.Equal(4, s.Score));
        Assert.Empty(second.Warnings);
        Assert.Single(Entries());
    }

    [Fact]
    public async Task An_answer_the_judge_could_not_read_is_not_cached_and_is_asked_again_next_run()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Review("What a lovely answer."));

        JudgeResult first = await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");
        JudgeResult second = await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        Assert.True(first.HasJudgeErrors && second.HasJudgeErrors);
        Assert.Empty(Entries());
        Assert.Equal(4, judge.RequestCount); // an answer and its re-ask, each run
        Assert.False(second.CacheHit);
    }

    [Fact]
    public async Task An_unreadable_answer_recorded_earlier_is_dropped_from_a_readwrite_cache()
    {
        bool garbage = false;
        await using var judge = await LoopbackJudge.StartAsync(call => garbage ? JudgeReply.Review("no scores") : LoopbackJudge.ScoreAll(4)(call));
        await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");
        string file = EntryFile();
        File.WriteAllText(file, File.ReadAllText(file).Replace("Verdict 4", "no verdict").Replace("': 4", "': none")); // as an older version stored garbage
        garbage = true;

        JudgeResult judged = await Judge(Settings(judge, JudgeCacheMode.ReadWrite), "A prince avenges his father.");

        Assert.True(judged.HasJudgeErrors);
        Assert.False(File.Exists(file));
    }
}
