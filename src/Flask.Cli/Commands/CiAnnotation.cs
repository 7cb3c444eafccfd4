using System;

namespace Flask.Cli.Commands;

/// <summary>
/// An error annotation as a CI system's log command, with every value escaped the way that system reads it: a skill
/// name or a path holding <c>,</c> <c>:</c> <c>;</c> <c>]</c> or a line break would otherwise cut the command short
/// or add a bogus property.
/// </summary>
internal static class CiAnnotation
{
    /// <summary>The line for <paramref name="style"/> (<c>github</c> or <c>azure</c>), or null for any other style.</summary>
    public static string? Error(string style, string file, string title, string message) => style switch
    {
        // GitHub: workflow commands escape %, CR and LF in the message, and also : and , in property values.
        "github" => $"::error file={GitHubProperty(file)},title={GitHubProperty(title)}::{GitHubData(message)}",
        // Azure Pipelines: logging commands escape %, CR, LF, ; and ] (the message escapes the same characters).
        "azure" => $"##vso[task.logissue type=error;sourcepath={Azure(file)}]{Azure($"{title}: {message}")}",
        _ => null,
    };

    private static string GitHubData(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string GitHubProperty(string value) => GitHubData(value)
        .Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Azure(string value) => value
        .Replace("%", "%AZP25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);
}
