using System;
using System.Collections.Generic;
using System.Threading;

namespace Flask.Testing;

/// <summary>
/// A run's results as the run store will keep them, ready for <see cref="RunStore.Record(RunInfo, RunRecording, CancellationToken)"/>.
/// A run recorded in the history writes its results file through one
/// (<see cref="Results.ResultsFile.Open(string, bool, RunRecording)"/>): the file hands it each line it takes
/// (<see cref="Add"/>), so the run is recorded from the very bytes the file holds, without serializing anything again.
/// Results that come from elsewhere (a resumed results file read back, an import) are serialized when recorded
/// (<see cref="Of"/>).
/// </summary>
internal sealed class RunRecording
{
    private readonly Lock _lock = new();
    private readonly List<ScoredResponse> _results = [];
    // Per result, its line as the results file wrote it (UTF-8, without the newline); null for a result recorded without one (Of).
    private readonly List<byte[]?> _lines = [];

    /// <summary>The results so far, in the order added (a results file's order): a copy.</summary>
    public IReadOnlyList<ScoredResponse> Results
    {
        get
        {
            lock (_lock)
                return [.. _results];
        }
    }

    /// <summary>A recording of results that were not written through one (a resumed file read back, an import).</summary>
    public static RunRecording Of(IEnumerable<ScoredResponse> results)
    {
        var recording = new RunRecording();
        foreach (ScoredResponse result in results)
        {
            recording._results.Add(result);
            recording._lines.Add(null);
        }
        return recording;
    }

    /// <summary>Adds <paramref name="response"/> with its results line (UTF-8, without the newline; copied).</summary>
    public void Add(ScoredResponse response, ReadOnlySpan<byte> line)
    {
        byte[] copy = line.ToArray();
        lock (_lock)
        {
            _results.Add(response);
            _lines.Add(copy);
        }
    }

    /// <summary>
    /// The results and the stored form of each (<see cref="StoredResult"/>: its line compressed), taken at one moment, in
    /// the order added.
    /// </summary>
    /// <remarks>
    /// Compressed one after the other on the calling thread: zlib sets up a compressor of some 300 KB per result, and on
    /// one thread the allocator hands the same memory back each time, where compressing on every core (each thread its
    /// own allocator arena) or on the judge calls' threads during the run cost several times the CPU in fresh pages
    /// (measured: docs/performance.md).
    /// </remarks>
    public (ScoredResponse[] Results, byte[][] Lines) Snapshot(CancellationToken cancellationToken = default)
    {
        ScoredResponse[] results;
        byte[]?[] lines;
        lock (_lock)
        {
            results = [.. _results];
            lines = [.. _lines];
        }
        var stored = new byte[results.Length][];
        for (int i = 0; i < stored.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stored[i] = lines[i] is { } line ? StoredResult.Compress(line) : StoredResult.Compress(results[i]);
        }
        return (results, stored);
    }
}
