using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly.Timeout;

namespace Flask.Testing;

/// <summary>
/// The judge client's outer edge: a call to a stopped judge fails at once, and whatever the transport throws after the
/// retries (the OpenAI client's <see cref="ClientResultException"/>, Polly's timeout, a broken connection) becomes one
/// <see cref="JudgeUnavailableException"/> line; cancellation by the caller stays cancellation.
/// </summary>
internal sealed class JudgeTransportChatClient(IChatClient inner, JudgeHealth health, JudgeFailureMessages failures) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        health.ThrowIfStopped();
        StrongBox<int> attempts = JudgeHealthHandler.CountAttempts();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException or JsonException)
        {
            JudgeUnavailableException failure = failures.After(e, Math.Max(1, attempts.Value));
            if (failure.StopsTheRun)
                health.Stop(failure);
            throw failure;
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        health.ThrowIfStopped();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}
