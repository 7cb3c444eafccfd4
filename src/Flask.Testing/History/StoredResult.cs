using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;

namespace Flask.Testing;

/// <summary>
/// A result as the run store keeps it (schema v4, docs/history.md): its results line, UTF-8, zlib-compressed at the
/// fastest level — the bytes written are what recording a large run costs (docs/performance.md). Lines stored as text
/// by earlier versions are read as they are.
/// </summary>
internal static class StoredResult
{
    /// <summary>The compressed results line of <paramref name="response"/>.</summary>
    public static byte[] Compress(ScoredResponse response) => Compress(JsonSerializer.SerializeToUtf8Bytes(response, ResultsJson.Response));

    /// <summary>The stored form of a results line already serialized (UTF-8, without its newline), as the results file wrote it.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> line)
    {
        // Never grows: deflate adds a few bytes at worst (a line that does not compress), and the buffer is short-lived.
        using var buffer = new MemoryStream(line.Length + 64);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(line);
        return buffer.ToArray();
    }

    /// <summary>A stored result: a compressed line (<see cref="Compress(ReadOnlySpan{byte})"/>) or the text of one.</summary>
    /// <exception cref="JsonException">It is not a scored response.</exception>
    /// <exception cref="InvalidDataException">The compressed bytes are damaged.</exception>
    public static ScoredResponse? Read(object stored) => stored switch
    {
        string line => JsonSerializer.Deserialize(line, ResultsJson.Response),
        byte[] bytes => Decompress(bytes),
        _ => throw new JsonException($"a stored result is neither text nor bytes ({stored.GetType().Name})"),
    };

    private static ScoredResponse? Decompress(byte[] bytes)
    {
        using var zlib = new ZLibStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(zlib, ResultsJson.Response);
    }
}
