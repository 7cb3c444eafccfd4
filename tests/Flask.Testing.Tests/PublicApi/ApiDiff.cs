using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Flask.Testing.Tests.PublicApi;

/// <summary>The lines one listing adds and removes against another, each member named with its type line.</summary>
internal static class ApiDiff
{
    private const int Shown = 200;

    public static string Describe(string library, string path, string expected, string actual)
    {
        List<string> before = Qualified(expected), after = Qualified(actual);
        var removed = Minus(before, after);
        var added = Minus(after, before);
        var message = new StringBuilder()
            .Append($"The public API of {library} differs from {path} ({removed.Count} removed, {added.Count} added). ")
            .Append("If the change is deliberate, accept it with FLASK_UPDATE_API=true dotnet test --project ")
            .Append("tests/Flask.Testing.Tests/Flask.Testing.Tests.csproj -- --filter-class \"*PublicApiTests\" and commit the file.\n");
        foreach (string line in removed.Take(Shown))
            message.Append("- ").Append(line).Append('\n');
        foreach (string line in added.Take(Shown))
            message.Append("+ ").Append(line).Append('\n');
        if (removed.Count + added.Count > 2 * Shown)
            message.Append("(more lines left off)\n");
        return message.ToString();
    }

    // A member line alone ("public void Run()") does not say whose it is: prefix it with the type line above it.
    private static List<string> Qualified(string listing)
    {
        var lines = new List<string>();
        string type = "";
        foreach (string line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("  ", StringComparison.Ordinal))
                lines.Add(type + " :: " + line.Trim());
            else
                lines.Add(type = line);
        }
        return lines;
    }

    private static List<string> Minus(List<string> from, List<string> other)
    {
        var remaining = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (string line in from)
        {
            if (remaining.TryGetValue(line, out int count) && count > 0)
                remaining[line] = count - 1;
            else
                result.Add(line);
        }
        return result;
    }
}
