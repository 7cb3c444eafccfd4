using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Flask.Cli.Bench;
using Flask.Cli.Commands;
using Flask.Testing;
using Flask.Testing.Results;
using Flask.Testing.TestKit;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// The bench runner in process, with a judge client that throws what a transport throws: only "the judge cannot be
/// asked" and replay misses are counted; a judge that cannot answer any further call stops the run (exit code 3);
/// anything else is a bug and surfaces.
/// </summary>
public sealed class BenchRunnerTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-runner");

    public void Dispose() => _work.Dispose();

    private sealed class ThrowingClient(Func<Exception> failure) : IChatClient
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(20, cancellationToken);
            throw failure();
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw failure();
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static FlaskInstance[] Instances(int count) => [.. Enumerable.Range(1, count).Select(i => new FlaskInstance
    {
        Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Instruction = $"Question {i}",
        Skills = ["Factuality"],
        Source = $"set.jsonl:{i}",
    })];

    private async Task<(BenchStats Stats, ThrowingClient Client)> RunAsync(Func<Exception> failure, int count = 50)
    {
        Directory.CreateDirectory(_work);
        var client = new ThrowingClient(failure);
        var stats = new BenchStats(count);
        using ResultsFile output = ResultsFile.Open(Path.Combine(_work, $"{Guid.NewGuid():N}.jsonl"), append: false);
        var runner = new BenchRunner(new FlaskJudge(client, new FlaskJudgeOptions()), FlaskSkills.Catalog, output, stats);
        await runner.RunAsync(Instances(count), (_, _) => Task.FromResult<string?>("an answer"), "m", 4, TestContext.Current.CancellationToken);
        return (stats, client);
    }

    [Fact]
    public async Task A_judge_that_will_not_answer_any_further_call_stops_the_run_with_exit_code_3()
    {
        var (stats, client) = await RunAsync(() => new JudgeUnavailableException("The judge at http://127.0.0.1:9/v1 (model m) rejected the API key (401): check FLASK_JUDGE_API_KEY.", stopsTheRun: true));

        Assert.InRange(client.Calls, 1, 8); // the calls in flight when it stopped, not all 50
        Assert.StartsWith("the judge cannot be asked: The judge at http://127.0.0.1:9/v1", stats.StopReason); // the party first (bench names the judge or the model under test)
        Assert.Equal(0, stats.Done);
        Assert.Equal(3, BenchCommand.Summarize(stats, [], new ResultsFile.Contents([], [], 0, false), 50, "out.jsonl", new JudgeCacheOptions()));
    }

    [Fact]
    public async Task An_unavailable_judge_that_may_answer_later_is_counted_for_each_instance_with_exit_code_1()
    {
        var (stats, client) = await RunAsync(() => new JudgeUnavailableException("The judge timed out after 3 tries.", stopsTheRun: false), count: 6);

        Assert.Equal(6, client.Calls);
        Assert.Null(stats.StopReason);
        Assert.Equal(6, stats.Skipped.Values.Sum());
        Assert.Equal(1, BenchCommand.Summarize(stats, [], new ResultsFile.Contents([], [], 0, false), 6, "out.jsonl", new JudgeCacheOptions()));
    }

    [Fact]
    public async Task Any_other_exception_is_a_bug_and_surfaces_instead_of_being_counted_as_a_skip()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(() => new InvalidOperationException("a bug in a client"), count: 3));
    }

    [Fact]
    public async Task A_bug_ends_the_command_with_exit_code_70_and_its_stack_trace_never_as_a_usage_or_judge_code()
    {
        var errors = new StringWriter();
        TextWriter original = Console.Error;
        Console.SetError(errors);
        int code;
        try
        {
            code = await CliRunner.RunAsync(() => throw new InvalidOperationException("a bug in a command"));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(CliRunner.Bug, code);
        Assert.Equal(70, code);
        Assert.Contains("a bug in the tool", errors.ToString());
        Assert.Contains("InvalidOperationException: a bug in a command", errors.ToString());
        Assert.Contains("   at ", errors.ToString());
    }
}
