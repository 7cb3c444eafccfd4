using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Flask.Testing;

/// <summary>
/// Carries what the response cache has to tell (an unreadable entry, a write that failed) to the judge request that
/// met it, which reports it in <see cref="JudgeResult.Warnings"/>. Outside a judge request it goes to standard error,
/// so it is never silent.
/// </summary>
internal static class CacheWarnings
{
    private static readonly AsyncLocal<ConcurrentQueue<string>?> Current = new();

    /// <summary>Collects the warnings of the calling judge request (and of everything it awaits).</summary>
    public static ConcurrentQueue<string> Open() => Current.Value = new ConcurrentQueue<string>();

    public static void Add(string warning)
    {
        if (Current.Value is { } queue)
            queue.Enqueue(warning);
        else
            Console.Error.WriteLine($"warning: {warning}");
    }
}
