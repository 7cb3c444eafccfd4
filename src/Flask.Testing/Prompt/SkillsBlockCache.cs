using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Flask.Testing;

/// <summary>
/// The skills blocks of judge prompts by skill list (the same skills, in the same order), for requests without instance
/// rubrics: such a block depends on nothing else, and a run asks for the same few lists thousands of times. Thread-safe;
/// starts over when it holds <see cref="Capacity"/> lists (threads adding at that moment may add a few more), so a
/// long-lived host that generates skill lists does not grow without end.
/// </summary>
internal sealed class SkillsBlockCache(int capacity)
{
    private readonly ConcurrentDictionary<SkillList, string> _blocks = new();
    private int _added;

    /// <summary>The most lists held at once.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many lists are held now.</summary>
    public int Count => _blocks.Count;

    /// <summary>The block of <paramref name="skills"/>, built by <paramref name="build"/> the first time.</summary>
    public string GetOrAdd(IReadOnlyList<Skill> skills, Func<IReadOnlyList<Skill>, string> build)
    {
        if (_blocks.TryGetValue(new SkillList(skills), out string? block))
            return block;
        block = build(skills);
        // Counted here, not by the dictionary's Count, which takes every lock of the dictionary on each miss.
        if (Interlocked.Increment(ref _added) > Capacity)
        {
            _blocks.Clear();
            Interlocked.Exchange(ref _added, 1);
        }
        // The key is a copy: a caller's list may change after this request, the block must not.
        _blocks.TryAdd(new SkillList([.. skills]), block);
        return block;
    }

    /// <summary>A skill list compared by its skills (the same instances, immutable) in order, without copying it to look it up.</summary>
    private readonly struct SkillList(IReadOnlyList<Skill> skills) : IEquatable<SkillList>
    {
        private readonly IReadOnlyList<Skill> _skills = skills;

        public bool Equals(SkillList other)
        {
            if (_skills.Count != other._skills.Count)
                return false;
            for (int i = 0; i < _skills.Count; i++)
            {
                if (!ReferenceEquals(_skills[i], other._skills[i]))
                    return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is SkillList other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            for (int i = 0; i < _skills.Count; i++)
                hash.Add(RuntimeHelpers.GetHashCode(_skills[i]));
            return hash.ToHashCode();
        }
    }
}
