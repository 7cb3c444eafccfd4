using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Flask.Testing.Analysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace Flask.Testing.Benchmarks;

/// <summary>What Flask.Testing adds per judge call: building the prompt, reading the review, the cache key; and a report's aggregation.</summary>
[Config(typeof(Config))]
public class JudgePathBenchmarks
{
    private JudgeRequest _request = null!;
    private ChatMessage[] _messages = null!;
    private KeyProbe _cache = null!;
    private List<ScoredResponse> _results = null!;

    private const string Review = """
        Logical Robustness: The reasoning holds, but the case n = 0 is not considered.
        Readability: Clear structure with short paragraphs.
        Factuality: One date is wrong.

        {'logical robustness': 4, 'readability': 5, 'factuality': 3}
        """;

    // What the loopback judge writes (a label line and a score line per skill, then the dict), read with the response:
    // the shape of every review of a full `flask bench` against it.
    private const string ScoredReview = """
        Logical Robustness: Mostly matches the reference answer (52% of its words).
        Score: 4

        Readability: Short, clear sentences.
        Score: 5

        Factuality: Covers the reference answer (71% of its words).
        Score: 5

        {'logical robustness': 4, 'readability': 5, 'factuality': 5}
        """;

    [GlobalSetup]
    public void Setup()
    {
        _request = new JudgeRequest
        {
            Instruction = "Prove that the sum of the first n odd numbers is n squared, and say when the argument needs care.",
            Response = string.Concat(Enumerable.Repeat("By induction: the base case holds and each step adds the next odd number 2n+1. ", 12)),
            ReferenceAnswer = "Induction on n: 1 = 1^2, and n^2 + (2n+1) = (n+1)^2.",
            Skills = [FlaskSkills.LogicalRobustness, FlaskSkills.Readability, FlaskSkills.Factuality],
        };
        ReviewPrompt prompt = ReviewPromptBuilder.Build(_request);
        _messages = [new(ChatRole.System, prompt.System), new(ChatRole.User, prompt.User)];
        _cache = new KeyProbe();
        var random = new Random(1);
        string[] domains = ["Math", "Coding", "Humanities", "Culture"];
        _results = [.. Enumerable.Range(0, 1740 * 15).Select(i => new ScoredResponse
        {
            Id = (i % 1740).ToString(),
            Model = $"model-{i / 1740}",
            Instruction = "q",
            Domains = [domains[i % domains.Length]],
            Difficulty = FlaskLabels.Label((FlaskDifficulty)(i % 5 + 1)),
            Skills = [.. FlaskSkills.All.Skip(i % 10).Take(3).Select(s => new ScoredSkill(s.Id, s.Name, s.Ability.Name, SkillScoreStatus.Scored, random.Next(1, 6), null, true, "", null))],
        })];
    }

    [Benchmark(Description = "Build a judge prompt (3 skills, with reference)")]
    public ReviewPrompt BuildPrompt() => ReviewPromptBuilder.Build(_request);

    [Benchmark(Description = "Parse a FLASK-style review (3 skills)")]
    public int ParseReview() => ReviewParser.Parse(Review, _request.Skills).Count;

    [Benchmark(Description = "Read a loopback-style review with the response (3 skills)")]
    public int ReadScoredReview() => ReviewParser.Read(ScoredReview, _request.Skills, truncated: false, _request.Response).Skills.Count;

    [Benchmark(Description = "Compute a response-cache key (MEAI's own)")]
    public string CacheKey() => _cache.Key(_messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 1024, ModelId = "gpt-4o" });

    [Benchmark(Description = "Compute a response-cache key (JudgeCacheKey, the same key)")]
    public string? JudgeCacheKey() => _cache.Ours(_messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 1024, ModelId = "gpt-4o" });

    [Benchmark(Description = "Aggregate 1,740 × 15 results (FLASK analysis)")]
    public int Aggregate()
    {
        var analyses = _results.GroupBy(r => r.Model!).Select(g =>
        {
            var analysis = new FlaskAnalysis(g.Key, FlaskSkills.Catalog);
            foreach (ScoredResponse r in g)
                analysis.Add(r);
            return analysis.Result();
        });
        return analyses.Sum(a => a.Skills.Count);
    }

    /// <summary>Exposes the key MEAI's caching client computes (the cache the judge uses).</summary>
    private sealed class KeyProbe() : DistributedCachingChatClient(new NoClient(), new NoCache())
    {
        public string Key(IEnumerable<ChatMessage> messages, ChatOptions options) => GetCacheKey(messages, options, "flask-testing-judge-cache-v1");

        public string? Ours(IEnumerable<ChatMessage> messages, ChatOptions options) =>
            Testing.JudgeCacheKey.TryCompute(messages, options, ["flask-testing-judge-cache-v1"], CacheKeyAdditionalValues, JsonSerializerOptions);
    }

    private sealed class NoClient : IChatClient
    {
        public System.Threading.Tasks.Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, System.Threading.CancellationToken c = default) => throw new NotSupportedException();
        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, System.Threading.CancellationToken c = default) => throw new NotSupportedException();
        public object? GetService(Type t, object? k = null) => null;
        public void Dispose() { }
    }

    private sealed class NoCache : IDistributedCache
    {
        public byte[]? Get(string key) => null;
        public System.Threading.Tasks.Task<byte[]?> GetAsync(string key, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.FromResult<byte[]?>(null);
        public void Refresh(string key) { }
        public System.Threading.Tasks.Task RefreshAsync(string key, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.CompletedTask;
        public void Remove(string key) { }
        public System.Threading.Tasks.Task RemoveAsync(string key, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.CompletedTask;
        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) { }
        public System.Threading.Tasks.Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.CompletedTask;
    }
}
