using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Flask.Testing.Pricing;

namespace Flask.Cli.Bench;

/// <summary>
/// What a bench run has done so far, updated from many judge calls at once. With <paramref name="prices"/>, the progress
/// line prices the tokens at the judge model's price (docs/cli.md, Cost), or says why it cannot.
/// </summary>
internal sealed class BenchStats(int total, PriceTable? prices = null, string? judgeModel = null)
{
    private readonly bool _priced = prices is not null;
    private readonly string? _judgeModel = judgeModel;
    private readonly ModelPrice? _price = judgeModel is null ? null : prices?.Find(judgeModel);

    private int _done;
    private int _judgeErrors;
    private int _unsaved;
    private long _inputTokens;
    private long _outputTokens;
    private string? _stopReason;
    private string? _writeFailure;

    public int Total { get; } = total;

    public int Done => Volatile.Read(ref _done);

    public int JudgeErrors => Volatile.Read(ref _judgeErrors);

    public long Tokens => InputTokens + OutputTokens;

    /// <summary>Prompt tokens the judge reported for this run's results.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Output tokens the judge reported for this run's results.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Instances not judged, by reason (shown in the summary).</summary>
    public ConcurrentDictionary<string, int> Skipped { get; } = new();

    /// <summary>The full message of the first instance skipped for each reason: a how-to is shown once, whole.</summary>
    public ConcurrentDictionary<string, string> FirstMessage { get; } = new();

    /// <summary>Why the run stopped before judging everything ("the judge cannot be asked: …", or the model under test), or null.</summary>
    public string? StopReason => Volatile.Read(ref _stopReason);

    /// <summary>Why results could not be written (the output failed), or null.</summary>
    public string? WriteFailure => Volatile.Read(ref _writeFailure);

    /// <summary>Judged results that could not be written to the output.</summary>
    public int Unsaved => Volatile.Read(ref _unsaved);

    public void Completed(long inputTokens, long outputTokens, bool judgeError)
    {
        Interlocked.Add(ref _inputTokens, inputTokens);
        Interlocked.Add(ref _outputTokens, outputTokens);
        if (judgeError)
            Interlocked.Increment(ref _judgeErrors);
        Interlocked.Increment(ref _done);
    }

    public void Skip(string reason, string? message = null)
    {
        Skipped.AddOrUpdate(reason, 1, (_, n) => n + 1);
        if (message is not null)
            FirstMessage.TryAdd(reason, message);
    }

    /// <summary>Records the first reason to stop; later ones are consequences of it.</summary>
    public void Stop(string reason) => Interlocked.CompareExchange(ref _stopReason, reason, null);

    /// <summary>A judged result that could not be written; the first failure is kept.</summary>
    public void Unwritten(string failure)
    {
        Interlocked.Increment(ref _unsaved);
        Interlocked.CompareExchange(ref _writeFailure, failure, null);
    }

    public double Rate => Done / Math.Max(0.001, Clock.Elapsed.TotalSeconds);

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Done}/{Total} judged, {Rate:0.0}/s, ETA {(Rate > 0 ? TimeSpan.FromSeconds((Total - Done) / Rate).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--")}, {Tokens:N0} tokens{Cost()}, {JudgeErrors} with judge errors");

    /// <summary>The tokens' cost so far, " ($0.42)", or why there is none; empty without a price table.</summary>
    private string Cost() =>
        !_priced ? ""
        : _price is not null ? $" ({PriceTable.Dollars(_price.Cost(InputTokens, OutputTokens))})"
        : _judgeModel is null ? " (no judge model named, so no price)"
        : $" (no price for model {_judgeModel})";
}
