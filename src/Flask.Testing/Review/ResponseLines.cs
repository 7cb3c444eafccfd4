using System;
using System.Buffers;
using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>
/// The lines of a response under review, <see cref="ReviewParser.Normalize(string)"/>d, so that a review line that
/// repeats one is known as quoted. Built and asked with one pooled buffer and no string per line looked up.
/// </summary>
internal sealed class ResponseLines
{
    private readonly HashSet<string> _lines = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Reads the lines of <paramref name="response"/> (none when it is null).</summary>
    public ResponseLines(string? response)
    {
        _bySpan = _lines.GetAlternateLookup<ReadOnlySpan<char>>();
        if (response is null)
            return;
        char[] buffer = ArrayPool<char>.Shared.Rent(response.Length);
        foreach (Range range in response.AsSpan().Split('\n'))
        {
            int length = ReviewParser.Normalize(response.AsSpan()[range], buffer);
            if (length > 0)
                _bySpan.Add(buffer.AsSpan(0, length));
        }
        ArrayPool<char>.Shared.Return(buffer);
    }

    /// <summary>Whether the response has <paramref name="line"/> (compared normalized).</summary>
    public bool Contains(string line)
    {
        if (_lines.Count == 0)
            return false;
        char[] buffer = ArrayPool<char>.Shared.Rent(line.Length);
        bool found = _bySpan.Contains(buffer.AsSpan(0, ReviewParser.Normalize(line, buffer)));
        ArrayPool<char>.Shared.Return(buffer);
        return found;
    }
}
