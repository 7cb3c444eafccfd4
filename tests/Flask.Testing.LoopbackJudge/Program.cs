// The loopback judge as a program: see Usage below, or run it with --help.
using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing.TestKit;

const string Usage = """
    Usage: Flask.Testing.LoopbackJudge [--latency-ms N] [--score N]

    An OpenAI-compatible judge on 127.0.0.1 (a free port) for fixtures and benchmarks: its reviews are heuristic, not a
    model's. Prints the base URL on its first line (give it as FLASK_JUDGE_ENDPOINT or --judge-endpoint), then serves
    until its standard input reaches its end or it gets SIGTERM or SIGINT (Ctrl+C), and says how many requests it served.
    Run it in the background with its standard input held open, e.g. from a FIFO or `sleep infinity |`.

      --latency-ms N   wait N ms before each answer (a slower judge); default 0
      --score N        score every skill N (1 to 5) instead of the heuristic reviews
      --help           this text
    """;

int latency = 0;
int? constant = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h" or "-?":
            Console.WriteLine(Usage);
            return 0;
        case "--latency-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int ms):
            latency = ms;
            i++;
            break;
        case "--score" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s is >= 1 and <= 5:
            constant = s;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Flask.Testing.LoopbackJudge: '{args[i]}' is not an option, or its value is missing or invalid. Options: --latency-ms N (0 or more), --score N (1 to 5), --help.");
            return 2;
    }
}

Func<JudgeCall, JudgeReply> review = constant is { } score ? LoopbackJudge.ScoreAll(score) : HeuristicReviewer.Review;
// The program stands for a remote judge but shares the cores with the tool it serves, so each request is answered on
// the thread that reads its socket (the runtime's completions and Kestrel's continuations inline): no thread is woken
// per request. Its scripts never block (a latency is an awaited delay). The runtime reads this variable once, when
// the first socket is used, which is after this line.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
// Calls are not kept: the program serves benchmarks of thousands of calls per run, and its memory stays flat.
await using LoopbackJudge judge = await LoopbackJudge.StartAsync(call => review(call) with { Delay = TimeSpan.FromMilliseconds(latency) }, record: false, inline: true);
Console.WriteLine(judge.BaseUrl);
Console.Out.Flush();

// Not disposed: the standard-input reader below may still cancel it while the process shuts down.
var stop = new CancellationTokenSource();
// SIGTERM (kill, a service manager, a CI step's cleanup) and SIGINT stop it as the end of its input does: the count is
// printed and the server closed, instead of the runtime ending the process where it stands.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
// Serve until stdin reaches its end (the parent closed it) or a signal arrives.
_ = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null)
    {
    }
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
Console.Error.WriteLine($"Served {judge.RequestCount} requests, at most {judge.MaxConcurrentRequests} in flight.");
return 0;
