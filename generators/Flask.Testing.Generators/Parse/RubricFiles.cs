using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flask.Testing.Generators.Parse;

/// <summary>
/// Which additional files are rubrics: those with <c>FlaskRubric="true"</c> metadata (what the package's
/// <c>FlaskRubric</c> items become) and any file named <c>*.rubric.yaml</c> or <c>*.rubric.yml</c>.
/// </summary>
internal static class RubricFiles
{
    public const string RubricMetadata = "build_metadata.AdditionalFiles.FlaskRubric";
    public const string DefaultMetadata = "build_metadata.AdditionalFiles.FlaskRubricDefault";
    public const string SourceMetadata = "build_metadata.AdditionalFiles.FlaskRubricSource";

    /// <summary>The cheap test on the path alone, before options are looked at.</summary>
    public static bool MayBeRubric(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public const string EvaluatorSetMetadata = "build_metadata.AdditionalFiles.FlaskEvaluatorSet";

    public static bool IsRubric(string path, AnalyzerConfigOptions options) =>
        MayBeRubric(path) && !IsEvaluatorSet(path, options) &&
        (IsTrue(options, RubricMetadata) ||
         path.EndsWith(".rubric.yaml", StringComparison.OrdinalIgnoreCase) ||
         path.EndsWith(".rubric.yml", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the file is an evaluator set rather than a rubric: <c>FlaskEvaluatorSet="true"</c> metadata (what the
    /// package's <c>FlaskEvaluatorSet</c> items become) or a name ending in <c>.evaluator.yaml</c> or <c>.evaluator.yml</c>.
    /// </summary>
    public static bool IsEvaluatorSet(string path, AnalyzerConfigOptions options) =>
        MayBeRubric(path) &&
        (IsTrue(options, EvaluatorSetMetadata) ||
         path.EndsWith(".evaluator.yaml", StringComparison.OrdinalIgnoreCase) ||
         path.EndsWith(".evaluator.yml", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the file is one of the package's default FLASK rubrics, which a project rubric may replace.</summary>
    public static bool IsDefault(AnalyzerConfigOptions options) => IsTrue(options, DefaultMetadata);

    /// <summary>
    /// The package id of the rubric library a rubric or evaluator set file comes from (<c>FlaskRubricSource</c> metadata,
    /// which a library package's generated props set), or null for the project's own files and the default rubrics.
    /// </summary>
    public static string? Source(AnalyzerConfigOptions options) =>
        options.TryGetValue(SourceMetadata, out string? value) && !string.IsNullOrWhiteSpace(value) ? value!.Trim() : null;

    public static bool IsRubric(AdditionalText file, AnalyzerConfigOptionsProvider provider) =>
        IsRubric(file.Path, provider.GetOptions(file));

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
