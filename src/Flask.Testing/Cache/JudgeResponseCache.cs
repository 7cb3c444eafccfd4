using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// Microsoft.Extensions.AI's distributed caching chat client over <see cref="JudgeCacheDirectory"/>, with the rules
/// that make a committed cache trustworthy: an unreadable entry is a miss named by its path (and overwritten by the
/// new answer); a write that fails never loses the judged answer (one warning); an answer the judge could not read is
/// not stored (<see cref="DeferredCacheWrites"/>); a replay that names no model finds the answers of the models that
/// recorded the cache; and a replay miss says exactly which key and model were looked for and what the cache holds.
/// </summary>
internal sealed class JudgeResponseCache : DistributedCachingChatClient
{
    private static readonly AsyncLocal<Lookup?> CurrentLookup = new();

    private readonly JudgeCacheDirectory _directory;
    private readonly bool _replay;
    private readonly Lazy<CacheCensus> _census;
    private int _writeWarned;

    public JudgeResponseCache(IChatClient inner, JudgeCacheDirectory directory)
        : base(inner, directory)
    {
        _directory = directory;
        _replay = inner.GetService<ReplayOnlyChatClient>() is not null;
        // A replay cache does not change during a run; one look at it serves every miss message.
        _census = new Lazy<CacheCensus>(directory.Census);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatMessage[] conversation = [.. messages];
        var asked = new Lookup(options?.ModelId);
        try
        {
            return await LookUpAsync(asked, conversation, options, cancellationToken).ConfigureAwait(false);
        }
        catch (JudgeCacheMissException miss) when (_replay)
        {
            if (options?.ModelId is not null)
                throw Miss(miss, asked, []);
            // No model named: the cache knows which models recorded it; try each, and take an answer only when one
            // model alone has it.
            var tried = new List<Lookup>();
            var found = new List<(Lookup Lookup, ChatResponse Response)>();
            foreach (string model in _census.Value.KeyModels)
            {
                ChatOptions withModel = options?.Clone() ?? new ChatOptions();
                withModel.ModelId = model;
                var lookup = new Lookup(model);
                try
                {
                    found.Add((lookup, await LookUpAsync(lookup, conversation, withModel, cancellationToken).ConfigureAwait(false)));
                }
                catch (JudgeCacheMissException)
                {
                    tried.Add(lookup);
                }
            }
            return found.Count switch
            {
                1 => found[0].Response,
                0 => throw Miss(miss, asked, tried),
                _ => throw new JudgeCacheMissException(miss.Label, miss.CacheDirectory,
                    $"answers recorded by {found.Count} models match ({string.Join(", ", found.Select(f => f.Lookup.Model))}) and no model was named; " +
                    $"set {FlaskJudgeSettings.ModelVariable} to the one to replay"),
            };
        }
    }

    private Task<ChatResponse> LookUpAsync(Lookup lookup, ChatMessage[] messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        CurrentLookup.Value = lookup;
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    private JudgeCacheMissException Miss(JudgeCacheMissException miss, Lookup asked, IReadOnlyList<Lookup> others)
    {
        CacheCensus census = _census.Value;
        string detail = $"no entry for key {asked.Key} ({(asked.Model is null ? "no model named" : $"model {asked.Model}")}){asked.Problem}";
        if (others.Count > 0)
            detail += $", nor for the models that recorded the cache ({string.Join("; ", others.Select(o => $"model {o.Model}: key {o.Key}{o.Problem}"))})";
        detail += $"; {census.Describe()}";
        if (asked.Model is not null && census.KeyModels.Count > 0 && !census.KeyModels.Contains(asked.Model))
            detail += $". To replay those, set {FlaskJudgeSettings.ModelVariable} to the recording model (or leave it unset)";
        return new JudgeCacheMissException(miss.Label, miss.CacheDirectory, detail);
    }

    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        Lookup? lookup = CurrentLookup.Value;
        lookup?.Key = key;
        string file = _directory.FileOf(key);
        string? problem;
        try
        {
            byte[]? bytes = await _directory.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
                return null;
            problem = Unreadable(bytes, out ChatResponse? response);
            if (problem is null)
            {
                if (!_replay)
                    DeferredCacheWrites.OnUnusable(_ => _directory.RemoveAsync(key, CancellationToken.None));
                return response;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
        }
        lookup?.Problem = $" (the entry {file} is unreadable: {problem})";
        CacheWarnings.Add($"The judge cache entry {file} is unreadable ({problem}); it counts as a miss" +
            (_replay ? "." : " and is overwritten with the judge's new answer."));
        return null;
    }

    /// <summary>Why <paramref name="bytes"/> is not a judge answer, or null with the answer.</summary>
    private string? Unreadable(byte[] bytes, out ChatResponse? response)
    {
        response = null;
        if (bytes.Length == 0)
            return "the file is empty";
        try
        {
            response = (ChatResponse?)JsonSerializer.Deserialize(bytes, JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse)));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return $"not a judge answer in JSON: {e.Message}";
        }
        return response is null ? "it holds null, not a judge answer"
            : string.IsNullOrEmpty(response.Text) ? "it holds no judge answer (no message text)"
            : null;
    }

    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse)));
        string? model = CurrentLookup.Value?.Model;
        return DeferredCacheWrites.TryDefer(Write) ? Task.CompletedTask : Write(cancellationToken);

        async Task Write(CancellationToken token)
        {
            try
            {
                await _directory.WriteAsync(key, bytes, model, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the answer is already paid for and is used; only its copy on disk is lost.
                if (Interlocked.Exchange(ref _writeWarned, 1) == 0)
                {
                    CacheWarnings.Add($"The judge cache in {_directory.Path} cannot be written ({e.Message}); answers are used but not cached " +
                        "(shown once; later writes are still tried). Check the directory's permissions and free space, or set FLASK_JUDGE_CACHE=off.");
                }
            }
        }
    }

    /// <summary>One look-up: the model id its key was computed with, the key, and why its entry could not be read.</summary>
    private sealed class Lookup(string? model)
    {
        public string? Model { get; } = model;

        public string? Key { get; set; }

        public string Problem { get; set; } = string.Empty;
    }
}
