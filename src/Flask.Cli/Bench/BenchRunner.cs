using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Microsoft.Extensions.AI;

namespace Flask.Cli.Bench;

/// <summary>
/// Judges instances as FLASK does: one judge call per instance with its annotated skills and its reference answer,
/// many at once, each result appended to the output as soon as it is known.
/// </summary>
internal sealed class BenchRunner(FlaskJudge judge, SkillCatalog catalog, ResultsFile output, BenchStats stats)
{
    /// <summary>The response to judge for an instance, or null when there is none (the instance is skipped).</summary>
    public delegate Task<string?> ResponseSource(FlaskInstance instance, CancellationToken cancellationToken);

    public Task RunAsync(IEnumerable<FlaskInstance> instances, ResponseSource responses, string model, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (instance, ct) =>
            {
                string? response = await responses(instance, ct).ConfigureAwait(false);
                if (response is null)
                {
                    stats.Skip("no response for the instance");
                    return;
                }
                JudgeResult result;
                try
                {
                    result = await judge.JudgeAsync(new JudgeRequest
                    {
                        Instruction = instance.Instruction,
                        Response = response,
                        ReferenceAnswer = instance.Reference,
                        Skills = [.. instance.Skills.Select(catalog.Get)],
                        InstanceRubrics = instance.Rubrics.ToDictionary(r => catalog.Get(r.Key).Id, r => r.Value),
                        Label = $"instance {instance.Id} ({instance.Source})",
                    }, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The judge could not be reached (after its retries) or a replay cache has no answer: not written,
                    // so that --resume asks again.
                    stats.Skip($"judge failed: {Shorten(e.Message)}");
                    return;
                }
                output.Append(ScoredResponse.From(instance.Id, result) with
                {
                    Model = model,
                    Domains = instance.Domains,
                    Difficulty = instance.Difficulty,
                });
                stats.Completed(result.InputTokens + result.OutputTokens, result.HasJudgeErrors);
            });

    private static string Shorten(string message)
    {
        string first = message.Split('\n')[0];
        return first.Length <= 160 ? first : first[..160] + "…";
    }
}
