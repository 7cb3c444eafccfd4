using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// The "judge" under a replay-mode cache, which marks the cache as replay-only: the cache answers every request or
/// throws its own miss (naming the request), so this is reached only if used without the cache.
/// </summary>
internal sealed class ReplayOnlyChatClient(string cacheDirectory) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new JudgeCacheMissException(label: null, cacheDirectory);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new JudgeCacheMissException(label: null, cacheDirectory);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
