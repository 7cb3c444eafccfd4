using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Results;

namespace Flask.Cli.Bench;

/// <summary>
/// Judges instances as FLASK does: one judge call per instance with its annotated skills and its reference answer,
/// many at once, each result appended to the output as soon as it is known. Only a judge that cannot be asked
/// (<see cref="JudgeUnavailableException"/>) or a replay-cache miss (<see cref="JudgeCacheMissException"/>) skips an
/// instance; anything else is a bug and ends the run. A judge that will not answer any further call, or an output
/// that cannot be written, stops the run early (see <see cref="BenchStats.StopReason"/>, <see cref="BenchStats.WriteFailure"/>).
/// On resume, a re-asked result with judge errors (<c>earlier</c>) is completed by the new answer
/// (<see cref="ResultsFile.Complete"/>), and written back unchanged when it is not judged again, for whatever reason.
/// </summary>
internal sealed class BenchRunner(FlaskJudge judge, SkillCatalog catalog, ResultsFile output, BenchStats stats, IReadOnlyDictionary<string, ScoredResponse>? earlier = null)
{
    private readonly IReadOnlyDictionary<string, ScoredResponse> _earlier = earlier ?? new Dictionary<string, ScoredResponse>();
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);

    /// <summary>The response to judge for an instance, or null when there is none (the instance is skipped).</summary>
    public delegate Task<string?> ResponseSource(FlaskInstance instance, CancellationToken cancellationToken);

    /// <summary>Judges every instance; returns normally when the run stopped early for a reason in <see cref="BenchStats"/>.</summary>
    public async Task RunAsync(IEnumerable<FlaskInstance> instances, ResponseSource responses, string model, int concurrency, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token },
                (instance, ct) => JudgeOneAsync(instance, responses, model, stop, ct)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && (stats.StopReason ?? stats.WriteFailure) is not null)
        {
            // Stopped on purpose: the reason is in the stats.
        }
        finally
        {
            WriteBackUnjudged();
        }
    }

    /// <summary>Writes back, unchanged, every earlier result that was not judged again (skipped, stopped, cancelled).</summary>
    private void WriteBackUnjudged()
    {
        foreach (ScoredResponse result in _earlier.Values.Where(r => !_written.ContainsKey(r.Id)))
        {
            try
            {
                output.Append(result);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stats.Unwritten(FirstLine(e.Message));
            }
        }
    }

    /// <summary>
    /// An instance not judged because <paramref name="party"/> ("the judge" or "the model under test") cannot be asked;
    /// not written, so that --resume asks again. A failure that stops the run stops it, naming the party.
    /// </summary>
    private async ValueTask UnavailableAsync(JudgeUnavailableException e, string party, CancellationTokenSource stop)
    {
        stats.Skip($"not judged: {FirstLine(e.Message)}"); // the message names the endpoint and its options
        if (e.StopsTheRun)
        {
            stats.Stop($"{party} cannot be asked: {FirstLine(e.Message)}");
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask JudgeOneAsync(FlaskInstance instance, ResponseSource responses, string model, CancellationTokenSource stop, CancellationToken ct)
    {
        string? response;
        try
        {
            response = await responses(instance, ct).ConfigureAwait(false);
        }
        catch (JudgeUnavailableException e)
        {
            // The model under test's endpoint (bench --model-endpoint) goes through the same transport as the judge's.
            await UnavailableAsync(e, "the model under test", stop).ConfigureAwait(false);
            return;
        }
        if (response is null)
        {
            stats.Skip("no response for the instance");
            return;
        }
        JudgeResult result;
        try
        {
            result = await judge.JudgeAsync(JudgeRequestBuilder.Build(instance, response, catalog), ct).ConfigureAwait(false);
        }
        catch (JudgeUnavailableException e)
        {
            await UnavailableAsync(e, "the judge", stop).ConfigureAwait(false);
            return;
        }
        catch (JudgeCacheMissException e)
        {
            stats.Skip("no recorded answer in the replay cache", FirstLine(e.Message));
            return;
        }
        ScoredResponse scored = ScoredResponse.From(instance.Id, result) with
        {
            Model = model,
            Domains = instance.Domains,
            Difficulty = instance.Difficulty,
        };
        if (_earlier.TryGetValue(instance.Id, out ScoredResponse? before))
            scored = ResultsFile.Complete(before, scored);
        if (_earlier.Count > 0)
            _written[instance.Id] = true; // an earlier result is replaced even when writing this one fails: never two lines
        try
        {
            output.Append(scored);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The judge's answer is paid for but cannot be kept: stop rather than pay for more that would be lost too.
            stats.Unwritten(FirstLine(e.Message));
            await stop.CancelAsync().ConfigureAwait(false);
            return;
        }
        stats.Completed(result.InputTokens, result.OutputTokens, scored.Skills.Any(s => s.Status == SkillScoreStatus.JudgeError));
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}
