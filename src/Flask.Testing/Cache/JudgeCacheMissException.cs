using System;

namespace Flask.Testing;

/// <summary>In replay mode, the cache holds no recorded answer for a judge request.</summary>
public sealed class JudgeCacheMissException : InvalidOperationException
{
    /// <summary>Creates the exception for the request labelled <paramref name="label"/>.</summary>
    public JudgeCacheMissException(string? label, string cacheDirectory)
        : this(label, cacheDirectory, detail: null)
    {
    }

    /// <summary>Creates the exception, saying in <paramref name="detail"/> what was looked for and what the cache holds.</summary>
    public JudgeCacheMissException(string? label, string cacheDirectory, string? detail)
        : base($"No recorded judge answer for {(label is null ? "this request" : $"'{label}'")} in the replay cache {cacheDirectory}" +
               (detail is null ? ". " : $": {detail}. ") +
               "Record it by running once with a judge (FLASK_JUDGE_ENDPOINT, FLASK_JUDGE_MODEL) and FLASK_JUDGE_CACHE=readwrite, then commit the cache files.")
    {
        Detail = detail;
        Label = label;
        CacheDirectory = cacheDirectory;
    }

    /// <summary>The label of the request that missed.</summary>
    public string? Label { get; }

    /// <summary>What was looked for (key, model) and what the cache holds, when known.</summary>
    public string? Detail { get; }

    /// <summary>The cache directory that was searched.</summary>
    public string CacheDirectory { get; }
}
