using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Flask.Testing;

/// <summary>
/// A Microsoft.Extensions.AI.Evaluation evaluator that judges a response on several skills in one FLASK judge call and
/// returns one <see cref="NumericMetric"/> per skill, named by the skill's display name.
/// </summary>
/// <remarks>
/// The judge is <see cref="ChatConfiguration.ChatClient"/>. The instruction is the last user message; the reference
/// answer and instance rubrics come from a <see cref="FlaskEvaluationContext"/>. Each metric carries the feedback as
/// its reason, an interpretation (failed below the skill's minimum, <see cref="PassRule"/>), an error diagnostic for a judge error, and
/// metadata: the prompt, the raw review, the judge model, token usage, latency, whether the cache answered and which
/// skills were judged in the same call.
/// <para>
/// FLASK judges a response's skills together, in one call. MEAI's <see cref="CompositeEvaluator"/> runs each of its
/// evaluators on its own, so several FLASK evaluators inside one make one judge call each, and their scores can differ
/// from those judged together. Combine FLASK evaluators with <see cref="Of(FlaskEvaluator[])"/> (or skills with
/// <see cref="Of(Skill[])"/>) into one evaluator first; it may then sit in a <see cref="CompositeEvaluator"/> beside
/// other evaluators. A generated single-skill evaluator's result says, as an informational diagnostic, that its skill
/// was judged alone.
/// </para>
/// </remarks>
public class FlaskEvaluator : IEvaluator
{
    /// <summary>Metadata key: <c>scored</c>, <c>not-applicable</c> or <c>judge-error</c>.</summary>
    public const string StatusMetadata = "flask-status";

    /// <summary>Metadata key: the system message sent to the judge.</summary>
    public const string SystemPromptMetadata = "flask-prompt-system";

    /// <summary>Metadata key: the user message sent to the judge.</summary>
    public const string UserPromptMetadata = "flask-prompt-user";

    /// <summary>Metadata key: the judge's raw review (every review, separated, when asked more than once).</summary>
    public const string ReviewMetadata = "flask-review";

    /// <summary>Metadata key: <c>true</c> when every review came from the response cache.</summary>
    public const string CacheHitMetadata = "flask-cache-hit";

    /// <summary>Metadata key: the minimum score required for the skill.</summary>
    public const string MinScoreMetadata = "flask-min-score";

    /// <summary>Metadata key: the ids of every skill judged in the same judge call, comma-separated, in request order.</summary>
    public const string JudgedWithMetadata = "flask-judged-with";

    private readonly Skill[] _skills;
    private readonly SkillCatalog _catalog;
    private readonly IReadOnlyDictionary<string, double> _minScores;

    /// <summary>An evaluator of <paramref name="skills"/>, judged together in one call.</summary>
    public FlaskEvaluator(IEnumerable<Skill> skills, FlaskJudgeOptions? options = null)
    {
        _skills = skills?.ToArray() ?? throw new ArgumentNullException(nameof(skills));
        if (_skills.Length is 0 or > FlaskJudge.MaxSkillsPerRequest)
            throw new ArgumentException($"An evaluator judges 1 to {FlaskJudge.MaxSkillsPerRequest} skills.", nameof(skills));
        _catalog = new SkillCatalog(_skills.Distinct());
        _minScores = PassRule.Minimums(null, _skills);
        Options = options ?? new FlaskJudgeOptions();
    }

    /// <summary>The skills judged, in the order the judge sees them.</summary>
    public IReadOnlyList<Skill> Skills => _skills;

    /// <summary>How the judge is asked.</summary>
    public FlaskJudgeOptions Options { get; init; }

    /// <summary>
    /// The lowest passing score of each skill, by skill id. Set it with any of a skill's names (id, display name or
    /// alias: <c>["factuality"] = 4</c>); a skill without one needs <see cref="PassRule.DefaultMinScore"/> (3).
    /// </summary>
    /// <exception cref="ArgumentException">On set: a name that is none of <see cref="Skills"/> (named, with the closest
    /// suggested), two names of one skill, or a minimum outside 1 to 5.</exception>
    public IReadOnlyDictionary<string, double> MinScores
    {
        get => _minScores;
        init => _minScores = PassRule.Minimums(value, _skills);
    }

    /// <summary>
    /// Whether a reference answer is required: an evaluation without one (no <see cref="FlaskEvaluationContext"/> with a
    /// reference) throws <see cref="ArgumentException"/> instead of being judged with FLASK's no-reference prompt.
    /// </summary>
    public bool RequiresReference { get; init; }

    /// <summary>One evaluator of <paramref name="skills"/>, judged together in one call, each with the default minimum (<see cref="PassRule.DefaultMinScore"/>).</summary>
    /// <exception cref="ArgumentException">No skill, more than <see cref="FlaskJudge.MaxSkillsPerRequest"/>, or one twice.</exception>
    public static FlaskEvaluator Of(params Skill[] skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        if (skills.Distinct().Count() != skills.Length)
            throw new ArgumentException("A skill is named more than once; each skill is judged once per call.", nameof(skills));
        return new FlaskEvaluator(skills);
    }

    /// <summary>
    /// One evaluator judging the skills of all <paramref name="evaluators"/> together, in one FLASK judge call, with
    /// their minimum scores, as FLASK judges an instance's skills (unlike a <see cref="CompositeEvaluator"/> of them,
    /// which makes one call per evaluator). A reference is required when any of them requires one.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No evaluator; more than <see cref="FlaskJudge.MaxSkillsPerRequest"/> skills in all; one skill with two different
    /// minimums; or evaluators asking the judge differently (their <see cref="Options"/> differ).
    /// </exception>
    public static FlaskEvaluator Of(params FlaskEvaluator[] evaluators)
    {
        ArgumentNullException.ThrowIfNull(evaluators);
        if (evaluators.Length == 0 || evaluators.Any(e => e is null))
            throw new ArgumentException("Combine one or more FLASK evaluators (none may be null).", nameof(evaluators));
        FlaskJudgeOptions options = evaluators[0].Options;
        if (evaluators.Any(e => e.Options != options))
            throw new ArgumentException("These evaluators ask the judge differently (their Options differ), so they cannot share one judge call.", nameof(evaluators));
        var skills = new List<Skill>();
        var minimums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (FlaskEvaluator evaluator in evaluators)
        {
            foreach (Skill skill in evaluator.Skills)
            {
                if (!skills.Contains(skill))
                    skills.Add(skill);
                if (!evaluator.MinScores.TryGetValue(skill.Id, out double min))
                    continue;
                if (minimums.TryGetValue(skill.Id, out double other) && other != min)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{skill.Id} has two minimum scores, {other} and {min}; give it one."), nameof(evaluators));
                minimums[skill.Id] = min;
            }
        }
        return new FlaskEvaluator(skills, options)
        {
            MinScores = minimums,
            RequiresReference = evaluators.Any(e => e.RequiresReference),
        };
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames => _skills.Select(s => s.Name).ToArray();

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        IChatClient judge = chatConfiguration?.ChatClient
            ?? throw new ArgumentNullException(nameof(chatConfiguration), $"A FLASK evaluation needs a judge: pass a ChatConfiguration. {FlaskJudgeSettings.HowToConfigure}");
        FlaskEvaluationContext? context = additionalContext?.OfType<FlaskEvaluationContext>().FirstOrDefault();
        CheckReference(context?.ReferenceAnswer, nameof(additionalContext), "pass new FlaskEvaluationContext(referenceAnswer: ...) as additional context");
        string label = context?.Label ?? "a FlaskEvaluator evaluation";
        var instance = new FlaskInstance
        {
            Id = label,
            Instruction = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty,
            Reference = context?.ReferenceAnswer,
            Rubrics = context?.InstanceRubrics ?? new Dictionary<string, InstanceRubric>(),
        };
        JudgeRequest request = JudgeRequestBuilder.Build(instance, modelResponse.Text ?? string.Empty, _catalog, _skills, label);
        JudgeResult result = await new FlaskJudge(judge, Options).JudgeAsync(request, cancellationToken).ConfigureAwait(false);
        EvaluationResult evaluation = ToEvaluationResult(result, _minScores);
        if (this is FlaskSkillEvaluator single)
            evaluation.AddDiagnosticsToAllMetrics(EvaluationDiagnostic.Informational(JudgedAlone(single.Skill)));
        if (context is not null)
            evaluation.AddOrUpdateContextInAllMetrics(context);
        return evaluation;
    }

    /// <summary>
    /// The evaluation result of a judge result: one metric per skill, interpreted by <see cref="PassRule"/> against
    /// <paramref name="minScores"/> (keyed by any of a skill's names, as <see cref="PassRule.Minimums"/> reads them; a
    /// skill without one needs <see cref="PassRule.DefaultMinScore"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A key names none of the judged skills, or two keys name one skill.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A minimum is outside 1 to 5.</exception>
    public static EvaluationResult ToEvaluationResult(JudgeResult result, IReadOnlyDictionary<string, double>? minScores = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyDictionary<string, double> minimums = PassRule.Minimums(minScores, [.. result.Scores.Select(s => s.Skill)]);
        var metrics = new List<EvaluationMetric>();
        string reviews = string.Join("\n\n----- next review -----\n\n", result.Reviews.Select(r => r.Text));
        foreach (SkillScore score in result.Scores)
        {
            double min = minimums[score.Skill.Id];
            var metric = new NumericMetric(score.Skill.Name, score.Score, score.Feedback)
            {
                Interpretation = Interpret(score, min),
            };
            if (score.Status == SkillScoreStatus.JudgeError)
                metric.AddDiagnostics(EvaluationDiagnostic.Error($"Judge error for {score.Skill.Name}: {score.Error}"));
            metric.AddOrUpdateMetadata(StatusMetadata, StatusName(score.Status));
            metric.AddOrUpdateMetadata(SystemPromptMetadata, result.Prompt.System);
            metric.AddOrUpdateMetadata(UserPromptMetadata, result.Prompt.User);
            metric.AddOrUpdateMetadata(ReviewMetadata, reviews);
            metric.AddOrUpdateMetadata(CacheHitMetadata, result.CacheHit ? "true" : "false");
            metric.AddOrUpdateMetadata(JudgedWithMetadata, string.Join(",", result.Scores.Select(s => s.Skill.Id)));
            // The same keys as MEAI.Evaluation's own chat metadata, summed over all of the request's reviews.
            metric.AddOrUpdateMetadata("eval-model", result.JudgeModel);
            metric.AddOrUpdateMetadata("eval-input-tokens", result.InputTokens.ToString(CultureInfo.InvariantCulture));
            metric.AddOrUpdateMetadata("eval-output-tokens", result.OutputTokens.ToString(CultureInfo.InvariantCulture));
            metric.AddOrUpdateMetadata("eval-total-tokens", (result.InputTokens + result.OutputTokens).ToString(CultureInfo.InvariantCulture));
            metric.AddOrUpdateDurationMetadata(result.Latency);
            metric.AddOrUpdateMetadata(MinScoreMetadata, min.ToString(CultureInfo.InvariantCulture));
            metrics.Add(metric);
        }
        return new EvaluationResult(metrics);
    }

    /// <summary>Throws when <see cref="RequiresReference"/> is set and <paramref name="reference"/> is missing.</summary>
    private protected void CheckReference(string? reference, string parameter, string howToFix = "pass one")
    {
        if (RequiresReference && string.IsNullOrEmpty(reference))
            throw new ArgumentException($"{string.Join(", ", _skills.Select(s => s.Id))} require(s) a reference answer: {howToFix}.", parameter);
    }

    /// <summary>What a single-skill evaluator's result says, so that a composite of several never diverges from FLASK silently.</summary>
    internal static string JudgedAlone(Skill skill) =>
        $"{skill.Name} was judged alone, in a judge call of its own. FLASK judges a response's skills together, and scores judged alone " +
        $"can differ: to judge several FLASK skills of one response in one call, combine their evaluators with FlaskEvaluator.Of(...) " +
        $"(a CompositeEvaluator of FLASK evaluators makes one call per evaluator).";

    /// <summary>The status as written in metadata and results: <c>scored</c>, <c>not-applicable</c> or <c>judge-error</c>.</summary>
    public static string StatusName(SkillScoreStatus status) => JsonSerializer.Serialize(status, Results.ResultsJsonContext.Default.SkillScoreStatus)[1..^1]; // the result files' name

    private static EvaluationMetricInterpretation Interpret(SkillScore score, double min) => score.Status switch
    {
        SkillScoreStatus.NotApplicable => new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: false,
            $"The judge found {score.Skill.Name} not applicable (N/A); it passes and is left out of averages."),
        SkillScoreStatus.JudgeError => new EvaluationMetricInterpretation(EvaluationRating.Unknown, failed: true,
            $"Judge error, not a low score: {score.Error}"),
        _ => new EvaluationMetricInterpretation(Rating(score.Score!.Value), failed: !PassRule.Passes(score, min),
            $"{score.Skill.Name} scored {Format(score.Score.Value)} of 5; the minimum is {Format(min)}."),
    };

    private static EvaluationRating Rating(double score) => Math.Round(score, MidpointRounding.AwayFromZero) switch
    {
        <= 1 => EvaluationRating.Unacceptable,
        2 => EvaluationRating.Poor,
        3 => EvaluationRating.Average,
        4 => EvaluationRating.Good,
        _ => EvaluationRating.Exceptional,
    };

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
