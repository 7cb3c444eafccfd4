using System;
using System.Linq;
using System.Text;
using Flask.Cli.Commands;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Annotations read back the way each CI system reads its log commands (properties split on <c>,</c>/<c>;</c>, the
/// message after <c>::</c>/<c>]</c>, then unescaped) give back the file, title and message they were made of, for
/// generated values full of the characters those systems treat as syntax.
/// </summary>
public sealed class CiAnnotationTests
{
    private const string Alphabet = "abc XYZ:,;]%[=\r\n\\é—1.";

    private static string Text(Random random) =>
        new([.. Enumerable.Range(0, random.Next(1, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);

    private static string GitHubUnescape(string value) => value
        .Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
        .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    private static string AzureUnescape(string value) => value
        .Replace("%3B", ";", StringComparison.Ordinal).Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
        .Replace("%5D", "]", StringComparison.Ordinal).Replace("%AZP25", "%", StringComparison.Ordinal);

    [Fact]
    public void GitHub_and_Azure_annotations_read_back_to_what_they_were_made_of()
    {
        var random = new Random(29112026);
        for (int i = 0; i < 2000; i++)
        {
            string file = Text(random), title = Text(random), message = Text(random);

            string github = CiAnnotation.Error("github", file, title, message)!;
            Assert.DoesNotContain('\n', github);
            Assert.StartsWith("::error ", github, StringComparison.Ordinal);
            int end = github.IndexOf("::", "::error ".Length, StringComparison.Ordinal);
            string[] properties = github["::error ".Length..end].Split(',');
            Assert.Equal(2, properties.Length);
            Assert.Equal(file, GitHubUnescape(properties[0]["file=".Length..]));
            Assert.Equal(title, GitHubUnescape(properties[1]["title=".Length..]));
            Assert.Equal(message, GitHubUnescape(github[(end + 2)..]));

            string azure = CiAnnotation.Error("azure", file, title, message)!;
            Assert.DoesNotContain('\n', azure);
            int close = azure.IndexOf(']', StringComparison.Ordinal);
            string[] azureProperties = azure["##vso[task.logissue ".Length..close].Split(';');
            Assert.Equal(["type=error", $"sourcepath={azureProperties[1]["sourcepath=".Length..]}"], azureProperties);
            Assert.Equal(file, AzureUnescape(azureProperties[1]["sourcepath=".Length..]));
            Assert.Equal($"{title}: {message}", AzureUnescape(azure[(close + 1)..]));
        }
        Assert.Null(CiAnnotation.Error("none", "f", "t", "m"));
    }
}
