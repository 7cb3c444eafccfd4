using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Flask.Cli.Commands;
using Flask.Testing;

namespace Flask.Cli.Analysis;

/// <summary>
/// One result per (model, instance id) across the files of a report: a repeat with the same scores and response (the
/// same file given twice, overlapping shards) counts once and is reported; a repeat that differs is an error naming
/// both places, since either number could be the one meant. Keeps a key and a 128-bit digest per result, not results.
/// </summary>
internal sealed class DistinctResults
{
    private readonly Dictionary<(string Model, string Id), (UInt128 Digest, string Where)> _seen = [];
    private readonly Dictionary<(string File, string FirstFile), (int Count, string Example)> _repeats = [];

    /// <summary>Whether <paramref name="response"/> is new; false for a repeat (counted); throws for a conflicting one.</summary>
    public bool Add(string model, ScoredResponse response, string file, int line)
    {
        string where = string.Create(CultureInfo.InvariantCulture, $"{file}:{line}");
        UInt128 digest = Digest(response);
        if (!_seen.TryGetValue((model, response.Id), out var first))
        {
            _seen[(model, response.Id)] = (digest, where);
            return true;
        }
        if (first.Digest != digest)
            throw new CliException($"{where}: the result of model '{WorkflowCommandText.OneLine(model)}' for instance '{WorkflowCommandText.OneLine(response.Id)}' differs from the one at {first.Where}; keep one of them (remove the other line or file).");
        string firstFile = first.Where[..first.Where.LastIndexOf(':')];
        _repeats[(file, firstFile)] = _repeats.TryGetValue((file, firstFile), out var known) ? (known.Count + 1, known.Example) : (1, $"{where} repeats {first.Where}");
        return false;
    }

    /// <summary>One warning per pair of files with repeats.</summary>
    public IEnumerable<string> Warnings() => _repeats.Select(r => string.Create(CultureInfo.InvariantCulture,
        $"warning: {r.Key.File} repeats {r.Value.Count} result(s) already read from {r.Key.FirstFile} (same model, instance and scores; e.g. {r.Value.Example}); each is counted once."));

    /// <summary>What makes two results the same: the scores the judge gave and the response they judged.</summary>
    private static UInt128 Digest(ScoredResponse response)
    {
        var text = new StringBuilder(response.Response ?? "\0");
        foreach (ScoredSkill skill in response.Skills)
            text.Append('\0').Append(skill.Id).Append('\0').Append(skill.Status).Append('\0').Append(skill.Score?.ToString("R", CultureInfo.InvariantCulture));
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }
}
