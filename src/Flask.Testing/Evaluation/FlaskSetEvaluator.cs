using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// The base of the evaluator generated for each evaluator set file (e.g. <c>SupportAnswerEvaluator</c>): a
/// <see cref="FlaskEvaluator"/> of the set's skills and minimums, judged together in one call, that also judges
/// directly into the set's typed scores (<see cref="JudgeAsync"/>).
/// </summary>
/// <typeparam name="TScores">The set's generated scores class.</typeparam>
public abstract class FlaskSetEvaluator<TScores> : FlaskEvaluator
    where TScores : FlaskScores
{
    private readonly Lazy<(IChatClient Client, FlaskJudgeOptions Options)> _judge;

    /// <summary>Creates the evaluator of a set.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="skills">The set's skills, in its order.</param>
    /// <param name="minScores">The minimum score per skill id.</param>
    /// <param name="requiresReference">Whether judging needs a reference answer.</param>
    /// <param name="judge">The judge for <see cref="JudgeAsync"/>; null for the one the <c>FLASK_JUDGE_*</c> settings configure.</param>
    /// <param name="options">How the judge is asked; null for the defaults (or, without <paramref name="judge"/>, the settings').</param>
    protected FlaskSetEvaluator(string name, IEnumerable<Skill> skills, IReadOnlyDictionary<string, double> minScores, bool requiresReference,
        IChatClient? judge, FlaskJudgeOptions? options)
        : base(skills, options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        MinScores = minScores ?? throw new ArgumentNullException(nameof(minScores));
        RequiresReference = requiresReference;
        _judge = new Lazy<(IChatClient, FlaskJudgeOptions)>(() =>
        {
            if (judge is not null)
                return (judge, Options);
            // Throws, naming the settings, when none configures a judge.
            FlaskJudgeSettings settings = FlaskJudgeSettings.FromEnvironment();
            return (FlaskJudgeClient.Create(settings), options ?? settings.Judge);
        });
    }

    /// <summary>The set's name, as written in its file.</summary>
    public string Name { get; }

    /// <summary>Judges <paramref name="answer"/> to <paramref name="question"/> on the set's skills, in one judge call.</summary>
    /// <param name="question">What the app was asked.</param>
    /// <param name="answer">What the app answered.</param>
    /// <param name="reference">The reference answer; required when the set says so.</param>
    /// <param name="cancellationToken">Cancels the judging.</param>
    /// <returns>The typed scores: a property per skill, and <see cref="FlaskScores.Passed"/>.</returns>
    /// <exception cref="ArgumentException">The set requires a reference answer and none was given.</exception>
    /// <exception cref="InvalidOperationException">No judge was given and the <c>FLASK_JUDGE_*</c> settings configure none.</exception>
    public async Task<TScores> JudgeAsync(string question, string answer, string? reference = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        CheckReference(reference, nameof(reference));
        (IChatClient client, FlaskJudgeOptions options) = _judge.Value;
        var request = new JudgeRequest
        {
            Instruction = question,
            Response = answer,
            ReferenceAnswer = reference,
            Skills = Skills,
            InstanceRubrics = new Dictionary<string, InstanceRubric>(),
            Label = Name,
        };
        JudgeResult result = await new FlaskJudge(client, options).JudgeAsync(request, cancellationToken).ConfigureAwait(false);
        return CreateScores(result);
    }

    /// <summary>The set's typed scores of <paramref name="result"/> (generated).</summary>
    protected abstract TScores CreateScores(JudgeResult result);
}
