using System;
using System.IO;

namespace Flask.Testing;

/// <summary>Where the run history is kept, from the <c>FLASK_HISTORY</c> setting (docs/history.md).</summary>
public static class RunHistory
{
    /// <summary>The setting: a store file, or <c>off</c> to record nothing.</summary>
    public const string Variable = "FLASK_HISTORY";

    /// <summary>The store's file name in its default place (beside the results).</summary>
    public const string FileName = "history.db";

    /// <summary>
    /// The store file for a run whose results are in <paramref name="resultsDirectory"/>: <paramref name="setting"/>
    /// when given (relative to <paramref name="baseDirectory"/>), null when it is <c>off</c>, else
    /// <see cref="FileName"/> beside the results.
    /// </summary>
    public static string? Location(string? setting, string resultsDirectory, string baseDirectory)
    {
        setting = setting?.Trim();
        if (string.IsNullOrEmpty(setting))
            return Path.GetFullPath(Path.Combine(resultsDirectory, FileName));
        if (IsOff(setting))
            return null;
        return Path.GetFullPath(Path.Combine(baseDirectory, setting));
    }

    /// <summary>Whether a setting turns the history off.</summary>
    public static bool IsOff(string? setting) => setting?.Trim().ToLowerInvariant() is "off" or "none" or "false" or "0";
}
