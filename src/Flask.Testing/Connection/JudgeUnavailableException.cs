using System;

namespace Flask.Testing;

/// <summary>
/// The judge could not be asked: its endpoint did not answer, answered with an error or with a body that is not a chat
/// response, after every retry. The message is one line naming the endpoint, the model, what was tried and the setting
/// to change; it never contains the API key. Adapters count such an instance as not judged (never as a score); when
/// <see cref="StopsTheRun"/> is true, asking again is pointless (a rejected key, or a judge that failed too many calls
/// in a row) and a run stops early.
/// </summary>
public sealed class JudgeUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what failed, where, and how to fix it.</param>
    /// <param name="stopsTheRun">Whether every further call would fail the same way.</param>
    /// <param name="innerException">The transport's own exception, if any.</param>
    public JudgeUnavailableException(string message, bool stopsTheRun, Exception? innerException = null)
        : base(message, innerException)
    {
        StopsTheRun = stopsTheRun;
    }

    /// <summary>Whether every further call would fail the same way, so a run should stop instead of trying the rest.</summary>
    public bool StopsTheRun { get; }
}
