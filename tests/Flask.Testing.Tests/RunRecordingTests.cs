using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.Results;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// A run written through a <see cref="RunRecording"/> is stored exactly as its results file has it: the same results,
/// in the file's order, each stored line the file's line — as the previous definition (serialize each result again,
/// then compress it) stored it.
/// </summary>
public sealed class RunRecordingTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"flask-recording-{Guid.NewGuid():N}");

    public RunRecordingTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The stored form before results were compressed as they were written: serialized into the compressor.</summary>
    private static byte[] PreviousCompress(ScoredResponse response)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(zlib, response, ResultsJson.Response);
        return buffer.ToArray();
    }

    private static byte[] Decompress(byte[] stored)
    {
        using var zlib = new ZLibStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var text = new MemoryStream();
        zlib.CopyTo(text);
        return text.ToArray();
    }

    /// <summary>Writes <paramref name="responses"/> from many threads at once, as a bench run's judge calls do.</summary>
    private string WriteConcurrently(ScoredResponse[] responses, RunRecording recording)
    {
        string path = Path.Combine(_work, $"{Guid.NewGuid():N}.jsonl");
        using (ResultsFile file = ResultsFile.Open(path, append: false, recording))
            Parallel.ForEach(responses, new ParallelOptions { MaxDegreeOfParallelism = 8 }, file.Append);
        return path;
    }

    [Fact]
    public void Results_written_at_once_are_recorded_in_the_files_order_each_stored_as_the_file_has_it_for_generated_results()
    {
        var random = new Random(20261130);
        ScoredResponse[] responses = [.. Enumerable.Range(0, 600).Select(i => ResultsJsonContextTests.Generate(random, i))];
        var recording = new RunRecording();

        string path = WriteConcurrently(responses, recording);
        var (results, stored) = recording.Snapshot(TestContext.Current.CancellationToken);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(responses.Length, lines.Length);
        Assert.Equal(lines, results.Select(ResultsJson.ToLine));
        Assert.Equal(lines, recording.Results.Select(ResultsJson.ToLine));
        Assert.Equal(lines.Length, stored.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            byte[] line = System.Text.Encoding.UTF8.GetBytes(lines[i]);
            Assert.Equal(line, Decompress(stored[i]));
            Assert.Equal(Decompress(PreviousCompress(results[i])), Decompress(stored[i]));
            Assert.Equal(lines[i], ResultsJson.ToLine(StoredResult.Read(stored[i])!));
        }
        // Asked again (a second recording of the same run), the stored lines are the same ones.
        Assert.Equal(stored, recording.Snapshot(TestContext.Current.CancellationToken).Lines);
    }

    [Fact]
    public void A_run_recorded_from_its_recording_reads_back_as_its_results_file()
    {
        var random = new Random(20261201);
        ScoredResponse[] responses = [.. Enumerable.Range(0, 300).Select(i => ResultsJsonContextTests.Generate(random, i) with { Id = $"t{i}", InputTokens = i })];
        var recording = new RunRecording();
        string path = WriteConcurrently(responses, recording);
        using RunStore store = RunStore.Open(Path.Combine(_work, "history.db"));

        RunInfo run = store.Record(RunInfo.Of("App.Tests", "test", recording.Results, GitCheckout.None, null, "test", DateTimeOffset.UnixEpoch), recording, TestContext.Current.CancellationToken);

        Assert.Equal(responses.Length, run.Results);
        Assert.Equal(File.ReadAllLines(path), store.Results(run.Id).Select(ResultsJson.ToLine));
    }

    [Fact]
    public void Results_recorded_without_a_results_file_are_stored_as_the_previous_definition_stored_them()
    {
        var random = new Random(20261202);
        ScoredResponse[] responses = [.. Enumerable.Range(0, 300).Select(i => ResultsJsonContextTests.Generate(random, i))];

        var (results, stored) = RunRecording.Of(responses).Snapshot(TestContext.Current.CancellationToken);

        Assert.Equal(responses, results);
        Assert.Equal(responses.Select(r => Decompress(PreviousCompress(r))), stored.Select(Decompress));
    }

    [Fact]
    public void A_result_that_cannot_be_stored_fails_as_itself_not_wrapped()
    {
        // Callers catch the failure by its type (the xUnit history says "NOT recorded" then).
        var random = new Random(20261203);
        ScoredResponse[] responses = [.. Enumerable.Range(0, 50).Select(i => ResultsJsonContextTests.Generate(random, i))];
        responses[37] = responses[37] with { LatencyMs = double.NaN }; // not a JSON number: the serializer refuses it

        var error = Assert.ThrowsAny<Exception>(() => RunRecording.Of(responses).Snapshot(TestContext.Current.CancellationToken));

        Assert.IsNotType<AggregateException>(error);
        Assert.IsType<ArgumentException>(error, exactMatch: false);
    }

    [Fact]
    public void A_result_the_file_could_not_take_is_not_recorded_either()
    {
        // The run history keeps what the results file holds: a write that failed (a full disk) adds nothing.
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full (Linux) to make the results file's writes fail");
        var random = new Random(20261204);
        var recording = new RunRecording();
        using ResultsFile file = ResultsFile.Open("/dev/full", append: false, recording);

        Assert.Throws<IOException>(() => file.Append(ResultsJsonContextTests.Generate(random, 0)));

        Assert.Empty(recording.Results);
        Assert.Empty(recording.Snapshot(TestContext.Current.CancellationToken).Results);
    }

    [Fact]
    public void A_run_that_counts_other_results_than_its_recording_holds_is_refused_and_nothing_is_recorded()
    {
        var random = new Random(20261205);
        ScoredResponse[] responses = [.. Enumerable.Range(0, 5).Select(i => ResultsJsonContextTests.Generate(random, i) with { InputTokens = i })];
        RunInfo three = RunInfo.Of("App.Tests", "test", responses[..3], GitCheckout.None, null, "test", DateTimeOffset.UnixEpoch);
        using RunStore store = RunStore.Open(Path.Combine(_work, "history.db"));

        var error = Assert.Throws<ArgumentException>(() => store.Record(three, responses, TestContext.Current.CancellationToken));

        Assert.Contains("counts 3 results, but 5 are given", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.List());
    }
}
