using System;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>One judge of a panel: a name for reports and the chat client that reaches it.</summary>
/// <param name="Name">The name shown in results, e.g. the model id.</param>
/// <param name="Client">The judge.</param>
public sealed record JudgeMember(string Name, IChatClient Client)
{
    /// <summary>The name, checked to be non-empty.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException("A judge needs a name.", nameof(Name)) : Name;

    /// <summary>The judge, checked to be non-null.</summary>
    public IChatClient Client { get; } = Client ?? throw new ArgumentNullException(nameof(Client));
}
