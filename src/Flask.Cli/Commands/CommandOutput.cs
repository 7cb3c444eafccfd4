using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Cli.Commands;

/// <summary>Where a command's document goes: the console, or <c>--out</c>, whose failure is one line and exit code 2.</summary>
internal static class CommandOutput
{
    public static async Task WriteAsync(FileInfo? file, string text, string what, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            Console.Write(text);
            return;
        }
        try
        {
            await File.WriteAllTextAsync(file.FullName, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the {what} {file.FullName}: {e.Message.Split('\n')[0]} Give --out a writable file path.");
        }
        CliRunner.Line($"{char.ToUpperInvariant(what[0])}{what[1..]}: {file.FullName}");
    }
}
