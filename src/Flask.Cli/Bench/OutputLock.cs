using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Flask.Cli.Commands;

namespace Flask.Cli.Bench;

/// <summary>
/// One bench run per output file: <c>&lt;out&gt;.lock</c>, created exclusively, says which process (pid, host, start
/// time) writes the output, at the file the output names once symlinks are followed (<see cref="Target"/>). A second run on the same output is refused naming the holder; a lock left by a process
/// that is gone (killed) is taken over. The lock file is removed when the run ends.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    private readonly string _path;

    private OutputLock(string path) => _path = path;

    /// <summary>
    /// The file <paramref name="output"/> names, symlinks followed: the lock and every rewrite are at the target, so
    /// two runs through different names of one file meet at one lock.
    /// </summary>
    public static string Target(string output)
    {
        string full = Path.GetFullPath(output);
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : full;
        }
        catch (IOException)
        {
            return full; // a link loop, or a link that cannot be read: the path as given (opening it reports the problem)
        }
    }

    /// <summary>Takes the lock on <paramref name="output"/>, or throws a one-line <see cref="CliException"/> naming who holds it.</summary>
    public static OutputLock Acquire(string output)
    {
        string path = output + ".lock";
        using Process self = Process.GetCurrentProcess();
        string me = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on host {Environment.MachineName}, started {self.StartTime.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
                using (var writer = new StreamWriter(stream))
                    writer.Write(me);
                return new OutputLock(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                string holder = ReadHolder(path);
                // An empty lock is one being written right now, or one whose writer died before writing: give it a moment.
                if (holder.Length == 0 ? DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < TimeSpan.FromSeconds(5) : IsAlive(holder))
                    throw new CliException($"{output} is being written by another dotnet flask bench ({(holder.Length == 0 ? "a process that is starting" : holder)}); wait for it to finish, or give a different --out. (Lock file: {path})");
                File.Delete(path); // its process is gone: a killed run left it
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot write beside the results file {output}: {e.Message.Split('\n')[0]} Give --out a path in a writable directory.");
            }
        }
        throw new CliException($"{output} is locked by another dotnet flask bench that keeps restarting ({ReadHolder(path)}); give a different --out.");
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale lock is taken over by the next run (its process is gone).
        }
    }

    private static string ReadHolder(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "a process that could not be identified";
        }
    }

    /// <summary>Whether the process named by a lock file still runs; a holder on another host is assumed alive.</summary>
    private static bool IsAlive(string holder)
    {
        string[] words = holder.Split(' ');
        if (words.Length < 7 || words[0] != "pid" || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            return true; // not ours to judge: refuse rather than take over
        if (words[4].TrimEnd(',') != Environment.MachineName)
            return true;
        try
        {
            using Process process = Process.GetProcessById(pid);
            // A pid reused by another process since: compare start times (to the second, as written).
            return string.Create(CultureInfo.InvariantCulture, $"{process.StartTime.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}") == words[6];
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
