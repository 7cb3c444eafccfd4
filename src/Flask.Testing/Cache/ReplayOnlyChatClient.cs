using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>The "judge" under a replay-mode cache: it is only reached on a cache miss, which it turns into a clear failure.</summary>
internal sealed class ReplayOnlyChatClient(string cacheDirectory) : IChatClient
{
    /// <summary>Set by the judge around a request so that a miss can name it.</summary>
    internal static readonly AsyncLocal<string?> CurrentLabel = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new JudgeCacheMissException(CurrentLabel.Value, cacheDirectory);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new JudgeCacheMissException(CurrentLabel.Value, cacheDirectory);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
