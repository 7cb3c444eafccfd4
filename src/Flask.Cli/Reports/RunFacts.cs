using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Testing;
using Flask.Testing.Pricing;

namespace Flask.Cli.Reports;

/// <summary>
/// What a report says about the runs it covers, beside the scores: the files read, and per model the judge model(s),
/// tokens and cache hits, gathered in the analysis's one streaming pass (constant memory per model).
/// </summary>
internal sealed class RunFacts
{
    private readonly List<FileFacts> _files = [];
    private readonly Dictionary<string, ModelFacts> _models = new(StringComparer.Ordinal);

    /// <summary>The results files, in the order read.</summary>
    public IReadOnlyList<FileFacts> Files => _files;

    /// <summary>The facts of <paramref name="model"/>; empty facts for a model not seen.</summary>
    public ModelFacts Of(string model) => _models.TryGetValue(model, out ModelFacts? facts) ? facts : new ModelFacts();

    /// <summary>Starts counting the results of <paramref name="file"/>.</summary>
    public void BeginFile(FileInfo file) => _files.Add(new FileFacts(file.FullName, file.LastWriteTimeUtc));

    /// <summary>Begins a run read from the run history, named <paramref name="name"/>, recorded at <paramref name="recorded"/> (UTC): <paramref name="run"/> of <paramref name="store"/> when known.</summary>
    public void BeginSource(string name, DateTime recorded, RunInfo? run = null, string? store = null) => _files.Add(new FileFacts(name, recorded) { Run = run, Store = store });

    /// <summary>Counts one distinct result of the file begun last.</summary>
    public void Add(string model, ScoredResponse response)
    {
        _files[^1].Results++;
        if (!_models.TryGetValue(model, out ModelFacts? facts))
            _models[model] = facts = new ModelFacts();
        facts.Add(response);
    }

    /// <summary>One results file.</summary>
    /// <param name="Path">Its full path.</param>
    /// <param name="Modified">When it was last written (UTC): the run's date, as far as the file tells.</param>
    internal sealed record FileFacts(string Path, DateTime Modified)
    {
        /// <summary>Distinct results read from it.</summary>
        public int Results { get; set; }

        /// <summary>The run, when it comes from the run history (then <see cref="Path"/> is its name, "run 7").</summary>
        public RunInfo? Run { get; init; }

        /// <summary>The store the run was read from.</summary>
        public string? Store { get; init; }
    }

    /// <summary>One model's judge, tokens and cache use.</summary>
    internal sealed class ModelFacts
    {
        private readonly SortedSet<string> _judges = new(StringComparer.Ordinal);
        private readonly JudgeTokens _tokens = new();

        /// <summary>The judge model(s) named by the results; empty when none was recorded.</summary>
        public IReadOnlyCollection<string> Judges => _judges;

        /// <summary>(response, skill) pairs the judge scored.</summary>
        public long Scored { get; private set; }

        /// <summary>Prompt tokens the judge reported.</summary>
        public long InputTokens { get; private set; }

        /// <summary>Output tokens the judge reported.</summary>
        public long OutputTokens { get; private set; }

        /// <summary>Results whose judge answer came from the response cache.</summary>
        public int CacheHits { get; private set; }

        /// <summary>
        /// What the judge's tokens cost at <paramref name="prices"/>, derived now from the tokens and judge model each result
        /// records (results store no money): "$0.42", or per judge model without a price its tokens and "no price for model X".
        /// </summary>
        public string Cost(PriceTable prices) => _tokens.Cost(prices);

        /// <summary>The cost in US dollars when every judge model is priced; null when one is not.</summary>
        public decimal? Usd(PriceTable prices) => _tokens.Usd(prices);

        /// <summary>Counts one distinct result.</summary>
        public void Add(ScoredResponse response)
        {
            if (response.JudgeModel.Length > 0)
                _judges.Add(response.JudgeModel);
            Scored += response.Skills.Count(s => s.Status == SkillScoreStatus.Scored);
            InputTokens += response.InputTokens;
            OutputTokens += response.OutputTokens;
            _tokens.Add(response);
            CacheHits += response.CacheHit ? 1 : 0;
        }
    }
}
