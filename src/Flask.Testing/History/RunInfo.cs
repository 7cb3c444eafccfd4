using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Flask.Testing;

/// <summary>One recorded run in the <see cref="RunStore"/>: where it came from and what it judged. Documented in docs/history.md.</summary>
public sealed record RunInfo
{
    /// <summary>The run's id in its store (0 before it is recorded).</summary>
    public long Id { get; init; }

    /// <summary>When the run was recorded.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>What was run: the test assembly's name, or the data set's file name for <c>bench</c> and <c>import</c>.</summary>
    public required string Project { get; init; }

    /// <summary>How the run was made: <c>test</c>, <c>bench</c> or <c>import</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The git commit of the checkout it ran in, when in one.</summary>
    public string? Commit { get; init; }

    /// <summary>The git branch, when on one.</summary>
    public string? Branch { get; init; }

    /// <summary>The judge model(s), comma-separated in order.</summary>
    public string JudgeModels { get; init; } = string.Empty;

    /// <summary>The models judged (bench runs), comma-separated in order; empty for tests.</summary>
    public string Models { get; init; } = string.Empty;

    /// <summary>The fingerprint of the judged instances (<see cref="RunFingerprint.Dataset"/>).</summary>
    public string DatasetFingerprint { get; init; } = string.Empty;

    /// <summary>The fingerprint of the rubrics (<see cref="RunFingerprint.Rubrics"/>), when known (not for imports).</summary>
    public string? RubricFingerprint { get; init; }

    /// <summary>The version of the tool or library that recorded the run.</summary>
    public string ToolVersion { get; init; } = string.Empty;

    /// <summary>Judged responses.</summary>
    public int Results { get; init; }

    /// <summary>Skills scored.</summary>
    public int Scored { get; init; }

    /// <summary>Skills the judge found not applicable.</summary>
    public int NotApplicable { get; init; }

    /// <summary>Skills the judge's answer did not score.</summary>
    public int JudgeErrors { get; init; }

    /// <summary>Judge prompt tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Judge output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>What the run set out to judge: selected instances (bench, with the data lines it could not read), or
    /// FLASK tests that ran (tests); null when not recorded (runs recorded before schema v3, imports).</summary>
    public int? Selected { get; init; }

    /// <summary>Of <see cref="Selected"/>, how many have no result (skipped, failed to be judged, not started); null when not recorded.</summary>
    public int? NotJudged { get; init; }

    /// <summary>How the run ended; null when not recorded.</summary>
    public RunEnding? Ending { get; init; }

    /// <summary>
    /// Whether the run judged everything it selected: it ran to its end, nothing selected went without a result, and no
    /// skill was a judge error. A run whose completeness was not recorded is never complete.
    /// </summary>
    public bool IsComplete => Ending == RunEnding.Completed && NotJudged == 0 && Selected is not null && JudgeErrors == 0;

    /// <summary>
    /// The run's completeness in words (invariant culture): "complete", "stopped early: 340 of 1,700 judged",
    /// "cancelled: …", "finished: 1,690 of 1,700 judged, 3 judge errors", or "completeness not recorded".
    /// </summary>
    internal string Completeness
    {
        get
        {
            if (IsComplete)
                return "complete";
            if (Ending is not { } ending || Selected is not { } selected || NotJudged is not { } notJudged)
                return "completeness not recorded";
            string how = ending switch
            {
                RunEnding.StoppedEarly => "stopped early",
                RunEnding.Cancelled => "cancelled",
                _ => "finished",
            };
            return string.Create(CultureInfo.InvariantCulture,
                $"{how}: {selected - notJudged:N0} of {selected:N0} judged{(JudgeErrors > 0 ? $", {JudgeErrors:N0} judge error{(JudgeErrors == 1 ? "" : "s")}" : "")}");
        }
    }

    /// <summary>
    /// What a comparison, trend or summary says about this run when it is not complete, e.g. "run 12 stopped early: 340
    /// of 1,700 judged" or "run 3: completeness not recorded"; null when it is complete.
    /// </summary>
    internal string? IncompleteNote => IsComplete ? null
        : Ending is null ? string.Create(CultureInfo.InvariantCulture, $"run {Id}: {Completeness}")
        : string.Create(CultureInfo.InvariantCulture, $"run {Id} {Completeness}");

    /// <summary>A run of <paramref name="responses"/>, with its counts, tokens, models and dataset fingerprint.</summary>
    public static RunInfo Of(string project, string source, IReadOnlyCollection<ScoredResponse> responses, GitCheckout checkout,
        string? rubricFingerprint, string toolVersion, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(checkout);
        IEnumerable<ScoredSkill> skills = responses.SelectMany(r => r.Skills);
        return new RunInfo
        {
            RecordedAt = recordedAt,
            Project = project,
            Source = source,
            Commit = checkout.Commit,
            Branch = checkout.Branch,
            JudgeModels = string.Join(",", responses.Select(r => r.JudgeModel).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)),
            Models = string.Join(",", responses.Select(r => r.Model).OfType<string>().Distinct(StringComparer.Ordinal)),
            DatasetFingerprint = RunFingerprint.Dataset(responses),
            RubricFingerprint = rubricFingerprint,
            ToolVersion = toolVersion,
            Results = responses.Count,
            Scored = skills.Count(s => s.Status == SkillScoreStatus.Scored),
            NotApplicable = skills.Count(s => s.Status == SkillScoreStatus.NotApplicable),
            JudgeErrors = skills.Count(s => s.Status == SkillScoreStatus.JudgeError),
            InputTokens = responses.Sum(r => r.InputTokens),
            OutputTokens = responses.Sum(r => r.OutputTokens),
        };
    }
}
