using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Unicode;

namespace Flask.Testing;

/// <summary>
/// The lines of a UTF-8 text file, each decoded strictly: a line with bytes that are not UTF-8 (a Latin-1 file, say) is
/// that line's error naming the byte and column, where <see cref="File.ReadLines(string)"/> would silently put U+FFFD in
/// its place and the judge would score the corrupted text. A leading BOM is skipped; CRLF and LF both end a line.
/// </summary>
internal static class Utf8Lines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Each line with its number (from 1): its text, or why it is not UTF-8.</summary>
    public static IEnumerable<(int Number, string? Text, string? Error)> Read(string path)
    {
        foreach (var (number, bytes, error) in ReadUtf8(path))
            yield return (number, error is null ? Strict.GetString(bytes.Span) : null, error);
    }

    /// <summary>
    /// Each line with its number (from 1): its bytes, valid UTF-8 without the line end, or why it is not UTF-8. The
    /// bytes are only valid until the next line is read: for a reader that parses them at once (JSON parses UTF-8), with
    /// no text copy of the line.
    /// </summary>
    public static IEnumerable<(int Number, ReadOnlyMemory<byte> Bytes, string? Error)> ReadUtf8(string path)
    {
        using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        var line = new ArrayBufferWriter<byte>(256);
        byte[] buffer = new byte[1 << 16];
        int number = 0;
        bool first = true;
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            if (first)
            {
                first = false;
                if (buffer.AsSpan(0, read).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    start = 3;
            }
            int end;
            while ((end = buffer.AsSpan(start, read - start).IndexOf((byte)'\n')) >= 0)
            {
                line.Write(buffer.AsSpan(start, end));
                start += end + 1;
                yield return Check(++number, line.WrittenMemory);
                line.ResetWrittenCount();
            }
            line.Write(buffer.AsSpan(start, read - start));
        }
        if (line.WrittenCount > 0)
            yield return Check(++number, line.WrittenMemory);
    }

    /// <summary>Whether a line of UTF-8 is only white space, as <see cref="string.Trim()"/> sees it (Unicode's).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line)
    {
        // Rune by rune, up to the first that is not white space: no copy of a long line to answer "not blank". A rune
        // outside the basic plane is never white space, as neither of its two UTF-16 halves is.
        for (ReadOnlySpan<byte> rest = line; !rest.IsEmpty;)
        {
            if (Rune.DecodeFromUtf8(rest, out Rune rune, out int consumed) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
                return false;
            rest = rest[consumed..];
        }
        return true;
    }

    private static (int, ReadOnlyMemory<byte>, string?) Check(int number, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.EndsWith((ReadOnlySpan<byte>)[(byte)'\r']))
            bytes = bytes[..^1];
        if (Utf8.IsValid(bytes.Span))
            return (number, bytes, null);
        int at = FirstInvalid(bytes.Span);
        string column = (Strict.GetCharCount(bytes.Span[..at]) + 1).ToString(CultureInfo.InvariantCulture);
        return (number, default, $"not valid UTF-8 (byte 0x{bytes.Span[at]:X2} at column {column}): save the file as UTF-8");
    }

    /// <summary>The index of the first byte that does not start a valid UTF-8 sequence.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (at < bytes.Length)
        {
            OperationStatus status = System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out int consumed);
            if (status != OperationStatus.Done)
                return at;
            at += consumed;
        }
        return at;
    }
}
