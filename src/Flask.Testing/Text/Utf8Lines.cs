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
                yield return Decode(++number, line.WrittenSpan);
                line.ResetWrittenCount();
            }
            line.Write(buffer.AsSpan(start, read - start));
        }
        if (line.WrittenCount > 0)
            yield return Decode(++number, line.WrittenSpan);
    }

    private static (int, string?, string?) Decode(int number, ReadOnlySpan<byte> bytes)
    {
        if (bytes.EndsWith((ReadOnlySpan<byte>)[(byte)'\r']))
            bytes = bytes[..^1];
        if (Utf8.IsValid(bytes))
            return (number, Strict.GetString(bytes), null);
        int at = FirstInvalid(bytes);
        string column = (Strict.GetCharCount(bytes[..at]) + 1).ToString(CultureInfo.InvariantCulture);
        return (number, null, $"not valid UTF-8 (byte 0x{bytes[at]:X2} at column {column}): save the file as UTF-8");
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
