using System;
using System.IO;
using System.Threading.Tasks;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary>
/// Runs a command body: usage problems and unreadable input become one line and exit code 2, a judge that cannot be
/// asked exit code 3, a replay miss exit code 1 (bench counts both per instance before they get here); anything else
/// is a bug and surfaces as one, with its stack trace and exit code 70. The exit codes are the same for every command (docs/cli.md).
/// </summary>
internal static class CliRunner
{
    /// <summary>Everything selected was judged.</summary>
    public const int Success = 0;

    /// <summary>The run finished but something was not judged (or, for gate, a regression).</summary>
    public const int NotJudged = 1;

    /// <summary>A usage or input error: bad option, unreadable input, unwritable or locked output.</summary>
    public const int Usage = 2;

    /// <summary>The judge cannot be asked and the run stopped early.</summary>
    public const int Stopped = 3;

    /// <summary>A bug in the tool: any exception that is not a user, judge or cache problem (EX_SOFTWARE).</summary>
    public const int Bug = 70;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is CliException or FormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"dotnet flask: {e.Message}");
            return Usage;
        }
        catch (JudgeUnavailableException e)
        {
            // A command that judges one call at a time (annotate) cannot go on without its judge.
            Console.Error.WriteLine($"dotnet flask: {e.Message}");
            return Stopped;
        }
        catch (JudgeCacheMissException e)
        {
            Console.Error.WriteLine($"dotnet flask: {e.Message}");
            return NotJudged;
        }
        catch (IOException e)
        {
            // Not a bug: an output that cannot be written (standard output to a full disk, a device that refuses it).
            Console.Error.WriteLine($"dotnet flask: cannot read or write: {e.Message}");
            return Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("dotnet flask: cancelled.");
            return Cancelled;
        }
        catch (Exception e)
        {
            // Never counted as a skip: shown whole, with its own exit code, so that it is reported rather than retried.
            Console.Error.WriteLine($"dotnet flask: internal error, a bug in the tool (please report it with this text):{Environment.NewLine}{e}");
            return Bug;
        }
    }

    /// <summary>Writes a plain line: never wrapped or read as markup, so logs and scripts can read it.</summary>
    public static void Line(string text) => Console.WriteLine(text);
}
