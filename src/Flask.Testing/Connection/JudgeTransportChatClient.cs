using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
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
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException or JsonException)
        {
            JudgeUnavailableException failure = failures.After(e, JudgeHealthHandler.AttemptsOf(e));
            if (failure.StopsTheRun)
                health.Stop(failure);
            throw failure;
        }
        return WithoutKey(response);
    }

    /// <summary>
    /// A server may echo the request's Authorization header in its answer: the key's value is replaced before the answer
    /// reaches the cache, the results or a report, and the raw form (which still holds it) is dropped.
    /// </summary>
    private ChatResponse WithoutKey(ChatResponse response)
    {
        foreach (ChatMessage message in response.Messages)
        {
            foreach (TextContent text in message.Contents.OfType<TextContent>())
            {
                string scrubbed = failures.Scrub(text.Text);
                if (!ReferenceEquals(scrubbed, text.Text) && scrubbed != text.Text)
                {
                    text.Text = scrubbed;
                    text.RawRepresentation = null;
                    message.RawRepresentation = null;
                    response.RawRepresentation = null;
                }
            }
        }
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        health.ThrowIfStopped();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}
