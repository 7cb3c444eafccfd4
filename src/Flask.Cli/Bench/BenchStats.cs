using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace Flask.Cli.Bench;

/// <summary>What a bench run has done so far, updated from many judge calls at once.</summary>
internal sealed class BenchStats(int total)
{
    private int _done;
    private int _judgeErrors;
    private long _tokens;

    public int Total { get; } = total;

    public int Done => Volatile.Read(ref _done);

    public int JudgeErrors => Volatile.Read(ref _judgeErrors);

    public long Tokens => Interlocked.Read(ref _tokens);

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Instances not judged, by reason (shown in the summary).</summary>
    public ConcurrentDictionary<string, int> Skipped { get; } = new();

    public void Completed(long tokens, bool judgeError)
    {
        Interlocked.Add(ref _tokens, tokens);
        if (judgeError)
            Interlocked.Increment(ref _judgeErrors);
        Interlocked.Increment(ref _done);
    }

    public void Skip(string reason) => Skipped.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public double Rate => Done / System.Math.Max(0.001, Clock.Elapsed.TotalSeconds);

    public string Line() =>
        $"{Done}/{Total} judged, {Rate:0.0}/s, ETA {(Rate > 0 ? System.TimeSpan.FromSeconds((Total - Done) / Rate).ToString(@"hh\:mm\:ss") : "--")}, {Tokens:N0} tokens, {JudgeErrors} with judge errors";
}
