// Usage: Flask.Testing.LoopbackJudge [--latency-ms N] [--score N]
// Prints the base URL on its first line, then serves until stdin closes or the process is stopped.
using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing.TestKit;

int latency = 0;
int? constant = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--latency-ms": latency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--score": constant = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --latency-ms N, --score N (default: heuristic reviews).");
            return 2;
    }
}

Func<JudgeCall, JudgeReply> review = constant is { } score ? LoopbackJudge.ScoreAll(score) : HeuristicReviewer.Review;
await using LoopbackJudge judge = await LoopbackJudge.StartAsync(call => review(call) with { Delay = TimeSpan.FromMilliseconds(latency) });
Console.WriteLine(judge.BaseUrl);
Console.Out.Flush();

// Not disposed: the exit handlers below may still cancel it while the process shuts down.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
// Serve until stdin reaches its end (the parent closed it) or a signal arrives.
_ = Task.Run(() => { while (Console.In.ReadLine() is not null) { } stop.Cancel(); });
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
Console.Error.WriteLine($"Served {judge.RequestCount} requests, at most {judge.MaxConcurrentRequests} in flight.");
return 0;
