using System;
using System.Buffers;

namespace Flask.Testing;

/// <summary>
/// The lines of a response under review, <see cref="ReviewParser.Normalize(string)"/>d, so that a review line that
/// repeats one is known as quoted.
/// </summary>
/// <remarks>
/// Kept as one string, each line between <c>\n</c>s: a normalized line has no <c>\n</c> (white space folds to a space),
/// so <c>\n</c> + line + <c>\n</c> occurs in it exactly when the response has that line. One string per response and a
/// vectorized search per question (only the few review lines that are more than text ask) instead of a string and a
/// hash per response line.
/// </remarks>
internal sealed class ResponseLines : IDisposable
{
    // Rented, not copied into a string: a review's reading holds it only while it reads, and gives it back (Dispose).
    private char[]? _buffer;
    private readonly int _length;

    /// <summary>Reads the lines of <paramref name="response"/> (none when it is null).</summary>
    public ResponseLines(string? response)
    {
        if (response is null)
            return;
        // Each line normalizes to at most its length, and takes the place of its '\n': the response's length and the
        // first and last '\n' are room enough.
        char[] buffer = _buffer = ArrayPool<char>.Shared.Rent(response.Length + 2);
        int length = 0;
        buffer[length++] = '\n';
        foreach (Range range in response.AsSpan().Split('\n'))
        {
            length += ReviewParser.Normalize(response.AsSpan()[range], buffer.AsSpan(length));
            buffer[length++] = '\n';
        }
        _length = length;
    }

    /// <summary>Whether the response has <paramref name="line"/> (compared normalized; an empty line never).</summary>
    public bool Contains(ReadOnlySpan<char> line)
    {
        ObjectDisposedException.ThrowIf(_buffer is null && _length > 0, this);
        char[] buffer = ArrayPool<char>.Shared.Rent(line.Length + 2);
        buffer[0] = '\n';
        int length = ReviewParser.Normalize(line, buffer.AsSpan(1));
        buffer[length + 1] = '\n';
        bool found = length > 0 && _buffer is not null && _buffer.AsSpan(0, _length).IndexOf(buffer.AsSpan(0, length + 2)) >= 0;
        ArrayPool<char>.Shared.Return(buffer);
        return found;
    }

    /// <summary>Gives the lines' buffer back to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
