using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// A run's results as the run store keeps them (<see cref="StoredResult"/>: each results line compressed), ready for
/// <see cref="RunStore.Record(RunInfo, RunRecording, CancellationToken)"/>. A run recorded in the history writes its
/// results file through one (<see cref="Results.ResultsFile.Open(string, bool, RunRecording)"/>): the file hands it each line it takes (<see cref="Add"/>),
/// and the writer's thread compresses that line at once, outside the file's lock. So the compression, a zlib
/// compressor set up per result, runs during the judge calls, and recording the run at its end writes the rows only
/// (docs/performance.md). Results that come from elsewhere (a resumed results file read back, an import) are
/// serialized and compressed when recorded, on every core (<see cref="Of"/>).
/// </summary>
internal sealed class RunRecording
{
    private readonly Lock _lock = new();
    private readonly List<ScoredResponse> _results = [];
    // Per result, its line as the results file wrote it; null for a result recorded without one (Of).
    private readonly List<Line?> _lines = [];

    /// <summary>The results so far, in the order added (a results file's order): a copy.</summary>
    public IReadOnlyList<ScoredResponse> Results
    {
        get
        {
            lock (_lock)
                return [.. _results];
        }
    }

    /// <summary>How many lines added are not compressed yet: none once every writer has returned.</summary>
    internal int Uncompressed
    {
        get
        {
            lock (_lock)
                return _lines.FindAll(line => line is { IsCompressed: false }).Count;
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

    /// <summary>
    /// Adds <paramref name="response"/> with its results line (UTF-8, without the newline; copied). The caller compresses
    /// the returned line (<see cref="Line.Compress"/>) once it has let go of its own lock.
    /// </summary>
    public Line Add(ScoredResponse response, ReadOnlySpan<byte> line)
    {
        var added = new Line(line.ToArray());
        lock (_lock)
        {
            _results.Add(response);
            _lines.Add(added);
        }
        return added;
    }

    /// <summary>
    /// The results and the stored form of each, taken at one moment, in the order added; what is not compressed yet is
    /// compressed now, on every core.
    /// </summary>
    public (ScoredResponse[] Results, byte[][] Lines) Snapshot(CancellationToken cancellationToken = default)
    {
        ScoredResponse[] results;
        Line?[] lines;
        lock (_lock)
        {
            results = [.. _results];
            lines = [.. _lines];
        }
        var stored = new byte[results.Length][];
        try
        {
            Parallel.For(0, stored.Length, new ParallelOptions { CancellationToken = cancellationToken },
                i => stored[i] = lines[i]?.Compress() ?? StoredResult.Compress(results[i]));
        }
        catch (AggregateException e)
        {
            // The failure itself, as a sequential recording would throw it (callers catch by type), not its wrapper.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return (results, stored);
    }

    /// <summary>One result's line: its text until it is compressed, then only its stored form.</summary>
    internal sealed class Line(byte[] text)
    {
        private readonly Lock _lock = new();
        private byte[]? _text = text;
        private byte[]? _stored;

        /// <summary>Whether <see cref="Compress"/> has run.</summary>
        public bool IsCompressed
        {
            get
            {
                lock (_lock)
                    return _stored is not null;
            }
        }

        /// <summary>The stored form, compressed on the first call; the text is let go then.</summary>
        public byte[] Compress()
        {
            lock (_lock)
            {
                if (_stored is null)
                {
                    _stored = StoredResult.Compress(_text);
                    _text = null;
                }
                return _stored;
            }
        }
    }
}
