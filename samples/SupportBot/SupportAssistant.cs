using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SupportBot;

/// <summary>
/// The app: answers customer questions about the shop through a chat model. In production the model is a real LLM
/// (any IChatClient); the sample ships a small offline one so that it runs anywhere. Safe to call concurrently: it
/// keeps no state between calls (each call builds its own messages), as long as its model is (IChatClients are).
/// </summary>
public sealed class SupportAssistant(IChatClient model)
{
    public const string SystemPrompt =
        "You are the support assistant of Northwind Outdoor. Answer in at most three sentences, politely, using only the shop policies.";

    /// <summary>The assistant on the offline sample model.</summary>
    public static SupportAssistant CreateOffline() => new(new PolicyModel());

    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await model.GetResponseAsync(
            [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, question)],
            new ChatOptions { Temperature = 0 },
            cancellationToken);
        return response.Text;
    }
}
