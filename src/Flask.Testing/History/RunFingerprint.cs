using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Flask.Testing;

/// <summary>
/// Short fingerprints that say whether two runs judged the same instances with the same rubrics: the first 16 hex
/// digits of a SHA-256, so that a changed data set or rubric shows as a changed fingerprint in <c>dotnet flask runs</c>.
/// </summary>
public static class RunFingerprint
{
    /// <summary>The judged instances of a run: its distinct ids with their instructions, in id order.</summary>
    public static string Dataset(IEnumerable<ScoredResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var instances = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (ScoredResponse response in responses)
            instances.TryAdd(response.Id, response.Instruction);
        return Hash(instances.Select(i => i.Key + "\u0000" + i.Value));
    }

    /// <summary>The rubrics of a skill catalog: each skill's id, criteria and score descriptions, in id order.</summary>
    public static string Rubrics(SkillCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Hash(catalog.OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Id + "\u0000" + s.Criteria + "\u0000" + string.Join("\u0000", s.Scoring.Select(l => l.Description))));
    }

    private static string Hash(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
