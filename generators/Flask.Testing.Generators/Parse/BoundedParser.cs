using System.Collections.Generic;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Flask.Testing.Generators.Parse;

/// <summary>
/// Reads YAML events and stops with a located <see cref="YamlException"/> as soon as the document nests deeper than
/// <see cref="RubricLimits.MaxDepth"/> or would expand (aliases counted as the nodes they stand for) to more than
/// <see cref="RubricLimits.MaxNodes"/> nodes. The checks run on the event stream, before the representation model
/// recurses into a deep document or hashes an alias-bomb mapping key, so neither the stack nor the time can blow up.
/// </summary>
internal sealed class BoundedParser(IParser inner) : IParser
{
    private readonly Stack<(AnchorName Anchor, long Nodes)> _open = new();
    private readonly Dictionary<AnchorName, long> _anchored = new();
    private long _total;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (_open.Count >= RubricLimits.MaxDepth)
                    throw Limit(inner.Current, $"lists and mappings are nested more than {RubricLimits.MaxDepth} levels deep");
                Count(1, inner.Current);
                _open.Push((((NodeEvent)inner.Current).Anchor, 1));
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var (anchor, nodes) = _open.Pop();
                Remember(anchor, nodes);
                if (_open.Count > 0)
                {
                    // The collection's own start was counted in its parent already; add what it held.
                    var (parentAnchor, parentNodes) = _open.Pop();
                    _open.Push((parentAnchor, parentNodes + nodes - 1));
                }
                break;
            case Scalar scalar:
                Count(1, scalar);
                Remember(scalar.Anchor, 1);
                break;
            case AnchorAlias alias:
                // An unknown alias is YamlDotNet's own error, reported after this event.
                Count(_anchored.TryGetValue(alias.Value, out long size) ? size : 1, alias);
                break;
        }
        return true;
    }

    private void Count(long nodes, ParsingEvent at)
    {
        _total += nodes;
        if (_open.Count > 0)
        {
            var (anchor, inside) = _open.Pop();
            _open.Push((anchor, inside + nodes));
        }
        // The running total includes every open collection's contents, so an alias bomb stops at its first big alias.
        if (_total > RubricLimits.MaxNodes)
            throw Limit(at, $"the file expands to more than {RubricLimits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes (check anchors and aliases)");
    }

    private void Remember(AnchorName anchor, long nodes)
    {
        if (!anchor.IsEmpty)
            _anchored[anchor] = nodes;
    }

    private static YamlException Limit(ParsingEvent at, string what) =>
        new(at.Start, at.End, $"{what}; a rubric is limited to keep every build fast");
}
