using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// Asks a judge model to score a response on a set of skills, as FLASK does: all of a request's skills in one call,
/// FLASK's prompt, temperature 0 and 1,024 output tokens by default. A skill left without a usable score is asked
/// again (<see cref="FlaskJudgeOptions.JudgeErrorRetries"/>) and then reported as a judge error, never as a score.
/// Optionally asks each judge K times, or a panel of judges, and reports the mean, the spread and the agreement.
/// </summary>
public sealed class FlaskJudge
{
    /// <summary>The most skills one request may judge: all of FLASK's twelve.</summary>
    public const int MaxSkillsPerRequest = 12;

    // Carried in ChatOptions.AdditionalProperties so that a repeated question (another sample, or an attempt after a
    // judge error) has its own cache entry. OpenAI-compatible clients do not send unknown additional properties.
    internal const string SampleProperty = "flask.sample";
    internal const string AttemptProperty = "flask.attempt";

    private readonly JudgeMember[] _members;

    /// <summary>A judge that asks <paramref name="judge"/>.</summary>
    public FlaskJudge(IChatClient judge, FlaskJudgeOptions? options = null)
        : this([new JudgeMember(NameOf(judge ?? throw new ArgumentNullException(nameof(judge)), options), judge)], options)
    {
    }

    /// <summary>A panel: every member judges every request; scores are averaged and their agreement reported.</summary>
    public FlaskJudge(IEnumerable<JudgeMember> panel, FlaskJudgeOptions? options = null)
    {
        _members = panel?.ToArray() ?? throw new ArgumentNullException(nameof(panel));
        if (_members.Length == 0)
            throw new ArgumentException("A judge panel needs at least one member.", nameof(panel));
        if (_members.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != _members.Length)
            throw new ArgumentException("Judge panel members need distinct names.", nameof(panel));
        Options = options ?? new FlaskJudgeOptions();
        if (Options.Samples < 1)
            throw new ArgumentOutOfRangeException(nameof(options), Options.Samples, "Samples must be at least 1.");
        if (Options.JudgeErrorRetries < 0)
            throw new ArgumentOutOfRangeException(nameof(options), Options.JudgeErrorRetries, "JudgeErrorRetries must not be negative.");
    }

    /// <summary>How the judge is asked.</summary>
    public FlaskJudgeOptions Options { get; }

    /// <summary>Judges <paramref name="request"/>: one call per judge and sample (plus re-asks after judge errors).</summary>
    /// <exception cref="ArgumentException">The request has no skills, more than 12, or the same skill twice.</exception>
    public async Task<JudgeResult> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        ReviewPrompt prompt = ReviewPromptBuilder.Build(request);
        ChatMessage[] messages = [new(ChatRole.System, prompt.System), new(ChatRole.User, prompt.User)];
        var clock = Stopwatch.StartNew();

        // Loops rather than LINQ here and below: every judged response comes through, usually as one sample.
        var runs = new Task<SampleResult>[_members.Length * Options.Samples];
        for (int m = 0; m < _members.Length; m++)
        {
            for (int sample = 1; sample <= Options.Samples; sample++)
                runs[m * Options.Samples + sample - 1] = SampleAsync(_members[m], sample, messages, request, cancellationToken);
        }
        var samples = await Task.WhenAll(runs).ConfigureAwait(false);

        var scores = new SkillScore[request.Skills.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            var readings = new SkillSample[samples.Length];
            for (int s = 0; s < samples.Length; s++)
                readings[s] = samples[s].Readings[i];
            scores[i] = Combine(request.Skills[i], readings);
        }
        return new JudgeResult
        {
            Request = request,
            Prompt = prompt,
            Scores = scores,
            Reviews = samples.Length == 1 ? samples[0].Reviews.ToArray() : samples.SelectMany(s => s.Reviews).ToArray(),
            Unrequested = samples.Length == 1 ? samples[0].Unrequested : samples.SelectMany(s => s.Unrequested).ToArray(),
            Latency = clock.Elapsed,
            Warnings = samples.Length == 1 ? samples[0].Warnings : samples.SelectMany(s => s.Warnings).ToArray(),
        };
    }

    /// <summary>
    /// One sample: the judge is asked, and asked again while a skill has no usable reading. A re-ask completes the
    /// earlier reviews and never erases them: per skill, the first attempt that scored it (or said N/A) wins.
    /// </summary>
    private async Task<SampleResult> SampleAsync(JudgeMember member, int sample, ChatMessage[] messages, JudgeRequest request, CancellationToken cancellationToken)
    {
        var reviews = new List<JudgeReview>();
        var readings = new SkillReading?[request.Skills.Count];
        var errors = new List<string>?[request.Skills.Count];
        Dictionary<string, UnrequestedScore>? unrequested = null;
        // Told to the response cache, if the judge has one: the label a replay miss names, where its warnings go, and
        // the writes it holds until the answers are read.
        JudgeCacheScope? cache = member.Client.GetService<JudgeResponseCache>() is null ? null : new JudgeCacheScope(request.Label);
        for (int attempt = 1; attempt <= Options.JudgeErrorRetries + 1; attempt++)
        {
            using var telemetry = JudgeCallTelemetry.Start(member.Client, Options.Model ?? member.Name, Options, request.Skills, sample, attempt, messages);
            JudgeReview review = await telemetry.WatchAsync(AskAsync(member, sample, attempt, messages, cache, cancellationToken)).ConfigureAwait(false);
            reviews.Add(review);
            ReviewReading read = ReviewParser.Read(review.Text, request.Skills, review.Truncated, request.Response);
            telemetry.Read(review, read.Skills);
            for (int i = 0; i < readings.Length; i++)
            {
                SkillReading now = read.Skills[i];
                if (readings[i] is { Status: not SkillScoreStatus.JudgeError })
                    continue;
                if (now.Status == SkillScoreStatus.JudgeError)
                {
                    (errors[i] ??= []).Add(now.Error!);
                    readings[i] ??= now;
                }
                else
                    readings[i] = now;
            }
            foreach (var (key, status, score) in read.Unrequested)
                (unrequested ??= new(StringComparer.OrdinalIgnoreCase)).TryAdd(key, new UnrequestedScore(key, status, score, member.Name, sample));
            if (AllUsable(readings))
                break;
        }
        // Only answers that end in a usable reading (after re-asks) are cached: garbage is asked again next run, not
        // replayed forever.
        cache?.Complete(AllUsable(readings));
        var samples = new SkillSample[readings.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            SkillReading r = readings[i]!;
            samples[i] = new SkillSample(member.Name, sample, r.Status, r.Score, r.Feedback,
                r.Status == SkillScoreStatus.JudgeError ? string.Join("; ", errors[i]!.Distinct()) : null);
        }
        return new SampleResult(reviews, samples, unrequested is null ? [] : [.. unrequested.Values], cache is null ? [] : cache.Warnings);
    }

    /// <summary>What one sample gave: its reviews, a reading per skill, its unrequested scores and the cache's warnings.</summary>
    private readonly record struct SampleResult(IReadOnlyList<JudgeReview> Reviews, SkillSample[] Readings, UnrequestedScore[] Unrequested, IReadOnlyList<string> Warnings);

    /// <summary>Whether every skill has a reading that is not a judge error.</summary>
    private static bool AllUsable(SkillReading?[] readings)
    {
        foreach (SkillReading? reading in readings)
        {
            if (reading!.Status == SkillScoreStatus.JudgeError)
                return false;
        }
        return true;
    }

    private async Task<JudgeReview> AskAsync(JudgeMember member, int sample, int attempt, ChatMessage[] messages, JudgeCacheScope? cache, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Temperature = Options.Temperature,
            MaxOutputTokens = Options.MaxOutputTokens,
            ModelId = Options.Model,
        };
        if (sample > 1 || attempt > 1)
            options.AdditionalProperties = new() { [SampleProperty] = sample, [AttemptProperty] = attempt };

        var clock = Stopwatch.StartNew();
        ChatResponse response = await member.Client.GetResponseAsync(messages, cache?.AddTo(options) ?? options, cancellationToken).ConfigureAwait(false);
        return new JudgeReview(
            _members.Length > 1 ? member.Name : response.ModelId ?? member.Name,
            sample, attempt, response.Text ?? string.Empty,
            response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, clock.Elapsed,
            CacheHit: JudgeResponseCache.IsHit(response))
        {
            Truncated = response.FinishReason == ChatFinishReason.Length,
        };
    }

    private static SkillScore Combine(Skill skill, SkillSample[] samples)
    {
        int scoredCount = 0;
        SkillSample? first = null;
        bool notApplicable = false;
        foreach (SkillSample sample in samples)
        {
            scoredCount += sample.Status == SkillScoreStatus.Scored ? 1 : 0;
            notApplicable |= sample.Status == SkillScoreStatus.NotApplicable;
            if (sample.Status != SkillScoreStatus.JudgeError)
                first ??= sample;
        }
        first ??= samples[0];
        var scored = new double[scoredCount];
        scoredCount = 0;
        foreach (SkillSample sample in samples)
        {
            if (sample.Status == SkillScoreStatus.Scored)
                scored[scoredCount++] = sample.Score!.Value;
        }
        SkillScoreStatus status = scored.Length > 0 ? SkillScoreStatus.Scored
            : notApplicable ? SkillScoreStatus.NotApplicable
            : SkillScoreStatus.JudgeError;
        return new SkillScore
        {
            Skill = skill,
            Status = status,
            Score = scored.Length > 0 ? scored.Average() : null,
            Feedback = first.Feedback,
            Error = status == SkillScoreStatus.JudgeError ? string.Join("; ", samples.Select(s => s.Error).Distinct()) : null,
            Samples = samples,
            Spread = scored.Length > 1 ? StandardDeviation(scored) : null,
            Agreement = Agreement(samples),
        };
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>Share of judge pairs whose (rounded mean) scores are equal; null without two scoring judges.</summary>
    private static double? Agreement(SkillSample[] samples)
    {
        // Agreement needs two judges that scored: a single judge (no panel) has none, without grouping anything.
        string? scoringJudge = null;
        bool twoJudges = false;
        foreach (SkillSample sample in samples)
        {
            if (sample.Status != SkillScoreStatus.Scored)
                continue;
            scoringJudge ??= sample.Judge;
            twoJudges |= !string.Equals(sample.Judge, scoringJudge, StringComparison.Ordinal);
        }
        if (!twoJudges)
            return null;
        int[] perJudge = samples.Where(s => s.Status == SkillScoreStatus.Scored).GroupBy(s => s.Judge)
            .Select(g => (int)Math.Round(g.Average(s => s.Score!.Value), MidpointRounding.AwayFromZero)).ToArray();
        if (perJudge.Length < 2)
            return null;
        int pairs = 0, agreeing = 0;
        for (int i = 0; i < perJudge.Length; i++)
        {
            for (int j = i + 1; j < perJudge.Length; j++)
            {
                pairs++;
                if (perJudge[i] == perJudge[j])
                    agreeing++;
            }
        }
        return (double)agreeing / pairs;
    }

    private static void Validate(JudgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Skills is not { Count: >= 1 and <= MaxSkillsPerRequest })
            throw new ArgumentException($"A judge request needs 1 to {MaxSkillsPerRequest} skills; it has {request.Skills?.Count ?? 0}.", nameof(request));
        // A dozen skills at most: pairs compared, no set built per request.
        for (int i = 0; i < request.Skills.Count; i++)
        {
            if (IndexOfId(request.Skills, request.Skills[i].Id) < i)
                throw new ArgumentException("A judge request names the same skill twice.", nameof(request));
        }
        foreach (string id in request.InstanceRubrics.Keys)
        {
            if (IndexOfId(request.Skills, id) < 0)
                throw new ArgumentException($"The instance rubric for '{id}' names a skill the request does not judge.", nameof(request));
        }
    }

    private static int IndexOfId(IReadOnlyList<Skill> skills, string id)
    {
        for (int i = 0; i < skills.Count; i++)
        {
            if (string.Equals(skills[i].Id, id, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private static string NameOf(IChatClient client, FlaskJudgeOptions? options) =>
        options?.Model ?? client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "judge";
}
