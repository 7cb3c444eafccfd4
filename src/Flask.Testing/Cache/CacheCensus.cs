using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Flask.Testing;

/// <summary>What a cache directory holds, for replay to find recorded answers and for messages to say what is there.</summary>
/// <param name="Exists">Whether the directory exists.</param>
/// <param name="Entries">The entry files.</param>
/// <param name="Unreadable">Entries that cannot be read as JSON.</param>
/// <param name="ByModel">Entries per recording model.</param>
/// <param name="KeyModels">The model ids to try when a replay names none.</param>
internal sealed record CacheCensus(bool Exists, int Entries, int Unreadable, IReadOnlyDictionary<string, int> ByModel, IReadOnlyCollection<string> KeyModels)
{
    /// <summary>E.g. "the cache holds 6 entries, recorded by gpt-4o (4), llama3.1:8b (2)".</summary>
    public string Describe()
    {
        if (!Exists)
            return "the cache directory does not exist";
        if (Entries == 0)
            return "the cache holds no entries";
        string models = ByModel.Count == 0 ? string.Empty
            : ", recorded by " + string.Join(", ", ByModel.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} ({m.Value})")));
        string unreadable = Unreadable == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", and {Unreadable} unreadable");
        return string.Create(CultureInfo.InvariantCulture, $"the cache holds {Entries} entr{(Entries == 1 ? "y" : "ies")}{models}{unreadable}");
    }
}
