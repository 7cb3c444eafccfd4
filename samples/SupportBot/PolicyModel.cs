using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SupportBot;

/// <summary>
/// A tiny offline stand-in for an LLM: it answers from the shop's policies by keyword. It exists so the sample runs
/// without a model; swap in any IChatClient (OpenAI, Ollama, …) to test a real one.
/// </summary>
public sealed class PolicyModel : IChatClient
{
    private static readonly (string[] Keywords, string Answer)[] Policies =
    [
        (["refund", "money back", "return"], "Yes. You can return unused items within 30 days of delivery for a full refund to your original payment method. After 30 days we offer store credit instead."),
        (["ship", "delivery", "deliver"], "Standard delivery takes 3 to 5 working days and is free on orders over 50 euros. Express delivery arrives the next working day for 9.90 euros."),
        (["warranty", "broken", "defect"], "All tents and backpacks carry a 2-year warranty against manufacturing defects. Send us a photo of the defect and your order number and we will repair or replace the item."),
        (["cancel"], "You can cancel an order free of charge until it ships. Open the order in your account and choose Cancel order."),
        (["password", "login", "log in"], "Choose Forgot password on the sign-in page and we will email you a reset link that is valid for one hour."),
    ];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        string question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        string answer = Policies.FirstOrDefault(p => p.Keywords.Any(k => question.Contains(k, StringComparison.OrdinalIgnoreCase))).Answer
            ?? "I'm not sure about that. Please contact our team at support@northwind.example and we will help you.";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { ModelId = "northwind-policy-model" });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (ChatResponseUpdate update in (await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
