using System;
using System.IO;
using System.Threading.Tasks;

namespace Flask.Cli.Commands;

/// <summary>Runs a command body: usage problems and unreadable input become a message and exit code 2.</summary>
internal static class CliRunner
{
    public const int Usage = 2;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is CliException or FormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"flask: {e.Message}");
            return Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("flask: cancelled.");
            return 130;
        }
    }

    /// <summary>Writes a plain line: never wrapped or read as markup, so logs and scripts can read it.</summary>
    public static void Line(string text) => Console.WriteLine(text);
}
