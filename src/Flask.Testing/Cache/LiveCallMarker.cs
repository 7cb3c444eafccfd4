using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>Sits under the response cache: any call that reaches it is a cache miss that goes to the judge.</summary>
internal sealed class LiveCallMarker(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        // Marked once answered: a replay miss that is then found under the recording model is still a cache hit.
        LiveCallProbe.MarkLive();
        return response;
    }
}
