using System.Threading;

namespace Flask.Testing;

/// <summary>
/// Whether the judge of one client is still worth asking: the count of failed attempts in a row across all its calls,
/// and once it reaches the limit (or the key is rejected) the one-line reason every further call fails with.
/// </summary>
internal sealed class JudgeHealth(int maxConsecutiveFailures)
{
    private int _failures;
    private JudgeUnavailableException? _stopped;

    /// <summary>Failed attempts in a row so far.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>Throws the reason the judge is no longer asked, if it is not.</summary>
    public void ThrowIfStopped()
    {
        if (Volatile.Read(ref _stopped) is { } stopped)
            throw new JudgeUnavailableException(stopped.Message, stopsTheRun: true);
    }

    /// <summary>An answer came: the judge is alive.</summary>
    public void Succeeded() => Interlocked.Exchange(ref _failures, 0);

    /// <summary>An attempt failed; returns the number of failures in a row when that reaches the limit, else null.</summary>
    public int? Failed()
    {
        int failures = Interlocked.Increment(ref _failures);
        return maxConsecutiveFailures > 0 && failures >= maxConsecutiveFailures ? failures : null;
    }

    /// <summary>No further call is sent; they all fail with <paramref name="reason"/> (the first reason wins).</summary>
    public void Stop(JudgeUnavailableException reason) => Interlocked.CompareExchange(ref _stopped, reason, null);
}
