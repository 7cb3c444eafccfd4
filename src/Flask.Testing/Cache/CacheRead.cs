using System;

namespace Flask.Testing;

/// <summary>A stored cache entry as read, and where it is ("file", or "journal:line") for messages.</summary>
/// <param name="Entry">The entry's JSON.</param>
/// <param name="Where">The entry file, or the journal and line.</param>
internal sealed record CacheRead(ReadOnlyMemory<byte> Entry, string Where);
