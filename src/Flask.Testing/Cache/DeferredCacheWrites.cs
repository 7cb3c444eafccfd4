using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// Holds back the cache writes of one judge sample until the judge has read the answers: only answers that gave every
/// skill a usable reading are stored, so a garbage answer is asked again next run instead of replayed as a judge
/// error forever. An entry that was read from the cache and still gave no usable reading is removed (read-write mode).
/// Without an open scope (a caller other than <see cref="FlaskJudge"/>) writes happen at once.
/// </summary>
internal sealed class DeferredCacheWrites
{
    private static readonly AsyncLocal<DeferredCacheWrites?> Current = new();

    private readonly List<Func<CancellationToken, Task>> _writes = [];
    private readonly List<Func<CancellationToken, Task>> _removals = [];

    /// <summary>Opens the scope of the calling sample; the awaited cache calls below it defer to it.</summary>
    public static DeferredCacheWrites Open() => Current.Value = new DeferredCacheWrites();

    /// <summary>Defers <paramref name="write"/> to the open scope; false when there is none (then write now).</summary>
    public static bool TryDefer(Func<CancellationToken, Task> write)
    {
        if (Current.Value is not { } scope)
            return false;
        lock (scope._writes)
            scope._writes.Add(write);
        return true;
    }

    /// <summary>Registers how to forget an entry that was read from the cache, should its answer turn out unusable.</summary>
    public static void OnUnusable(Func<CancellationToken, Task> removal)
    {
        if (Current.Value is { } scope)
        {
            lock (scope._writes)
                scope._removals.Add(removal);
        }
    }

    /// <summary>Stores the held answers when <paramref name="usable"/>, else drops them and forgets entries read.</summary>
    public async Task CompleteAsync(bool usable, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task>[] actions;
        lock (_writes)
        {
            actions = usable ? [.. _writes] : [.. _removals];
            _writes.Clear();
            _removals.Clear();
        }
        foreach (Func<CancellationToken, Task> action in actions)
            await action(cancellationToken).ConfigureAwait(false);
    }
}
