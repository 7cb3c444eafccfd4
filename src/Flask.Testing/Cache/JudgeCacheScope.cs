using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// What the judge tells the response cache about one judge sample, passed down explicitly in the call's
/// <see cref="ChatOptions.AdditionalProperties"/> (<see cref="Property"/>; the cache takes it out before computing the
/// key or calling the judge): the request's label, for a replay miss to name; where the cache's warnings go; and the
/// cache writes held until the judge has read the answers (<see cref="Complete"/>): only answers that gave every
/// skill a usable reading are stored, so a garbage answer is asked again next run instead of replayed as a judge error
/// forever, and an entry that was read from the cache and still gave no usable reading is removed. Without a scope
/// (another caller) the cache writes at once and warns on standard error.
/// </summary>
internal sealed class JudgeCacheScope(string? label)
{
    /// <summary>The key of the scope in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string Property = "flask.cache.scope";

    private readonly List<Action> _writes = [];
    private readonly List<Action> _removals = [];

    /// <summary>The label of the judge request, for a replay miss to name.</summary>
    public string? Label { get; } = label;

    // Most scopes never warn: the list is made by the first warning, not by every judge call.
    private List<string>? _warnings;

    /// <summary>The warnings given in this scope, in order (the sample's part of <see cref="JudgeResult.Warnings"/>).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_writes)
                return _warnings is null ? [] : [.. _warnings];
        }
    }

    /// <summary>The scope passed in <paramref name="options"/>, if any.</summary>
    public static JudgeCacheScope? Of(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Property, out object? value) == true ? value as JudgeCacheScope : null;

    /// <summary><paramref name="options"/> with this scope added (a copy: the caller's options are not changed).</summary>
    public ChatOptions AddTo(ChatOptions options)
    {
        ChatOptions copy = options.Clone();
        (copy.AdditionalProperties ??= [])[Property] = this;
        return copy;
    }

    /// <summary>
    /// <paramref name="options"/> without a scope, exactly as the caller would have passed them without one (no empty
    /// property bag left behind), so the cache key and what the judge receives do not change.
    /// </summary>
    public static ChatOptions? Without(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(Property))
            return options;
        ChatOptions copy = options.Clone();
        copy.AdditionalProperties!.Remove(Property);
        if (copy.AdditionalProperties.Count == 0)
            copy.AdditionalProperties = null;
        return copy;
    }

    /// <summary>Holds a write until <see cref="Complete"/>.</summary>
    public void Defer(Action write)
    {
        lock (_writes)
            _writes.Add(write);
    }

    /// <summary>Registers how to forget an entry that was read from the cache, should its answer turn out unusable.</summary>
    public void OnUnusable(Action removal)
    {
        lock (_writes)
            _removals.Add(removal);
    }

    /// <summary>A warning of the cache, reported with the judge request's result.</summary>
    public void Warn(string warning)
    {
        lock (_writes)
            (_warnings ??= []).Add(warning);
    }

    /// <summary>Stores the held answers when <paramref name="usable"/>, else drops them and forgets entries read.</summary>
    public void Complete(bool usable)
    {
        Action[] actions;
        lock (_writes)
        {
            actions = usable ? [.. _writes] : [.. _removals];
            _writes.Clear();
            _removals.Clear();
        }
        // A journal append each: quick, and never abandoned halfway by a cancellation.
        foreach (Action action in actions)
            action();
    }
}
