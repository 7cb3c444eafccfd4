using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// A run's results as the run store keeps them (<see cref="StoredResult"/>: each results line compressed), ready for
/// <see cref="RunStore.Record(RunInfo, RunRecording, CancellationToken)"/>. A run that writes a results file hands it
/// each line as the file takes it (<see cref="Add"/>), and the writer's thread compresses the line at once: the
/// compression, a zlib compressor set up per result, then runs during the judge calls, while the judge's latency leaves
/// the cores partly idle, instead of after them (docs/performance.md). Results that come from elsewhere (a resumed
/// file, an import) are serialized and compressed when recorded, on every core.
/// </summary>
internal sealed class RunRecording
{
    private readonly object _lock = new();
    private readonly List<ScoredResponse> _results = [];
    // Per result, its line as the results file wrote it; null for a result recorded without one (Of).
    private readonly List<Line?> _lines = [];

    /// <summary>The results, in the order added (a results file's order). Read it once the run has returned.</summary>
    public IReadOnlyList<ScoredResponse> Results => _results;

    /// <summary>A recording of results that were not written through one (a resumed file, an import).</summary>
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

    /// <summary>The stored form of every result, in the order of <see cref="Results"/>; what is not compressed yet is compressed now, on every core.</summary>
    public byte[][] StoredLines(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stored = new byte[_results.Count][];
            try
            {
                Parallel.For(0, stored.Length, new ParallelOptions { CancellationToken = cancellationToken },
                    i => stored[i] = _lines[i]?.Compress() ?? StoredResult.Compress(_results[i]));
            }
            catch (AggregateException e)
            {
                // The failure itself, as a sequential recording would throw it (callers catch by type), not its wrapper.
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            return stored;
        }
    }

    /// <summary>One result's line: its text until it is compressed, then only its stored form.</summary>
    internal sealed class Line(byte[] text)
    {
        private readonly Lock _lock = new();
        private byte[]? _text = text;
        private byte[]? _stored;

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
