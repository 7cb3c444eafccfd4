// Shared source: compiled into the runtime and into the generator/analyzer, so "did you mean" reads the same
// in a build error and in a run-time exception.
using System;
using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>Finds the candidate closest to a misspelt word, for "did you mean" messages.</summary>
internal static class ClosestMatch
{
    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="word"/> (ignoring case), or null when
    /// none is close enough to be a plausible misspelling (more than a third of the word differs).
    /// </summary>
    public static string? Find(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance between two strings.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
