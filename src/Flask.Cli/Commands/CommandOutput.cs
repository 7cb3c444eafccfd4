using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Cli.Commands;

/// <summary>Where a command's document goes: the console, or <c>--out</c>, whose failure is one line and exit code 2.</summary>
internal static class CommandOutput
{
    public static Task WriteAsync(FileInfo? file, string text, string what, CancellationToken cancellationToken) =>
        WriteAsync(file, writer => writer.WriteAsync(text.AsMemory(), cancellationToken), what);

    /// <summary>Writes through <paramref name="write"/> (a document streamed rather than built as one string).</summary>
    public static async Task WriteAsync(FileInfo? file, Func<TextWriter, Task> write, string what)
    {
        if (file is null)
        {
            await write(Console.Out).ConfigureAwait(false);
            return;
        }
        try
        {
            var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using (writer.ConfigureAwait(false))
                await write(writer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the {what} {file.FullName}: {e.Message.Split('\n')[0]} Give --out a writable file path.");
        }
        CliRunner.Line($"{char.ToUpperInvariant(what[0])}{what[1..]}: {file.FullName}");
    }
}
