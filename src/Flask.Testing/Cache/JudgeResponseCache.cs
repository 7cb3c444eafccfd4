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
/// Microsoft.Extensions.AI's distributed caching chat client (its cache key) over <see cref="JudgeCacheDirectory"/>,
/// with the rules that make a committed cache trustworthy: an unreadable entry is a miss named by where it is (and
/// replaced by the new answer); a write that fails never loses the judged answer (one warning); an answer the judge
/// could not read is not stored (the <see cref="JudgeCacheScope"/> the judge passes down holds the writes); a replay
/// that names no model finds the answers of the models that recorded the cache; and a replay miss says exactly which
/// key and model were looked for and what the cache holds. An answer from the cache is marked
/// (<see cref="HitProperty"/> in its <see cref="ChatResponse.AdditionalProperties"/>), so the caller knows it cost
/// no judge call.
/// </summary>
internal sealed class JudgeResponseCache : DistributedCachingChatClient
{
    /// <summary>In <see cref="ChatResponse.AdditionalProperties"/>, <c>true</c> when the answer came from the cache.</summary>
    public const string HitProperty = "flask.cache.hit";

    private static readonly object NotStreaming = false;

    private readonly JudgeCacheDirectory _directory;
    private readonly bool _replay;
    private readonly Lazy<CacheCensus> _census;
    private int _writeWarned;
    private int _damageReported;

    public JudgeResponseCache(IChatClient inner, JudgeCacheDirectory directory)
        : base(inner, directory)
    {
        _directory = directory;
        _replay = inner.GetService<ReplayOnlyChatClient>() is not null;
        // A replay cache does not change during a run; one look at it serves every miss message.
        _census = new Lazy<CacheCensus>(directory.Census);
    }

    /// <summary>Whether <paramref name="response"/> came from a Flask.Testing response cache.</summary>
    public static bool IsHit(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(HitProperty, out object? hit) == true && hit is true;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        JudgeCacheScope? scope = JudgeCacheScope.Of(options);
        options = JudgeCacheScope.Without(options);
        ChatMessage[] conversation = [.. messages];
        if (!EnableCaching(conversation, options))
            return await InnerClient.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
        ReportDamage(scope);

        var asked = new Lookup(options?.ModelId);
        if (await ReadAsync(asked, conversation, options, scope, cancellationToken).ConfigureAwait(false) is { } hit)
            return hit;
        if (_replay)
            return await ReplayOtherModelsAsync(asked, conversation, options, scope, cancellationToken).ConfigureAwait(false);

        ChatResponse response = await InnerClient.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
        Store(asked.Key!, response, asked.Model, scope);
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, JudgeCacheScope.Without(options), cancellationToken);

    /// <summary>
    /// MEAI's key (a committed cache replays by it), computed by <see cref="JudgeCacheKey"/> without MEAI's JSON tree:
    /// the key is computed for every judge call, and MEAI's way cost a tenth of the tool's CPU.
    /// </summary>
    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options, params ReadOnlySpan<object?> additionalValues) =>
        JudgeCacheKey.TryCompute(messages, options, additionalValues, CacheKeyAdditionalValues, JsonSerializerOptions)
        ?? base.GetCacheKey(messages, options, additionalValues);

    /// <summary>
    /// A replay miss for a request that names no model: the cache knows which models recorded it; each is tried, and
    /// an answer is taken only when one model alone has it.
    /// </summary>
    private async Task<ChatResponse> ReplayOtherModelsAsync(Lookup asked, ChatMessage[] conversation, ChatOptions? options, JudgeCacheScope? scope, CancellationToken cancellationToken)
    {
        if (options?.ModelId is not null)
            throw Miss(scope?.Label, asked, []);
        var tried = new List<Lookup>();
        var found = new List<(Lookup Lookup, ChatResponse Response)>();
        foreach (string model in _census.Value.KeyModels)
        {
            ChatOptions withModel = options?.Clone() ?? new ChatOptions();
            withModel.ModelId = model;
            var lookup = new Lookup(model);
            if (await ReadAsync(lookup, conversation, withModel, scope, cancellationToken).ConfigureAwait(false) is { } response)
                found.Add((lookup, response));
            else
                tried.Add(lookup);
        }
        return found.Count switch
        {
            1 => found[0].Response,
            0 => throw Miss(scope?.Label, asked, tried),
            _ => throw new JudgeCacheMissException(scope?.Label, _directory.Path,
                $"answers recorded by {found.Count} models match ({string.Join(", ", found.Select(f => f.Lookup.Model))}) and no model was named; " +
                $"set {FlaskJudgeSettings.ModelVariable} to the one to replay"),
        };
    }

    private JudgeCacheMissException Miss(string? label, Lookup asked, IReadOnlyList<Lookup> others)
    {
        CacheCensus census = _census.Value;
        string detail = $"no entry for key {asked.Key} ({(asked.Model is null ? "no model named" : $"model {asked.Model}")}){asked.Problem}";
        if (others.Count > 0)
            detail += $", nor for the models that recorded the cache ({string.Join("; ", others.Select(o => $"model {o.Model}: key {o.Key}{o.Problem}"))})";
        detail += $"; {census.Describe()}";
        if (asked.Model is not null && census.KeyModels.Count > 0 && !census.KeyModels.Contains(asked.Model))
            detail += $". To replay those, set {FlaskJudgeSettings.ModelVariable} to the recording model (or leave it unset)";
        return new JudgeCacheMissException(label, _directory.Path, detail);
    }

    /// <summary>The answer stored for the request, marked as a hit; null on a miss (an unreadable entry is a named miss).</summary>
    private async Task<ChatResponse?> ReadAsync(Lookup lookup, ChatMessage[] messages, ChatOptions? options, JudgeCacheScope? scope, CancellationToken cancellationToken)
    {
        // Keyed exactly as MEAI's caching client keys a non-streaming request (its "streaming: false" value included),
        // so caches recorded before this client ran its own look-up still replay.
        string key = GetCacheKey(messages, options, NotStreaming);
        lookup.Key = key;
        string where = _directory.Path;
        string? problem;
        try
        {
            if (await _directory.ReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } read)
                return null;
            where = read.Where;
            problem = Unreadable(read.Entry, out ChatResponse? response);
            if (problem is null)
            {
                if (!_replay)
                    scope?.OnUnusable(() => Forget(key, scope));
                (response!.AdditionalProperties ??= [])[HitProperty] = true;
                return response;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
        }
        lookup.Problem = $" (the entry {where} is unreadable: {problem})";
        Warn(scope, $"The judge cache entry {where} is unreadable ({problem}); it counts as a miss" +
            (_replay ? "." : " and is overwritten with the judge's new answer."));
        return null;
    }

    /// <summary>Why <paramref name="bytes"/> is not a judge answer, or null with the answer.</summary>
    private string? Unreadable(ReadOnlyMemory<byte> bytes, out ChatResponse? response)
    {
        response = null;
        if (bytes.Length == 0)
            return "the file is empty";
        try
        {
            response = (ChatResponse?)JsonSerializer.Deserialize(bytes.Span, JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse)));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return $"not a judge answer in JSON: {e.Message}";
        }
        return response is null ? "it holds null, not a judge answer"
            : string.IsNullOrEmpty(response.Text) ? "it holds no judge answer (no message text)"
            : null;
    }

    /// <summary>Stores a judged answer: held by the judge's scope until it has read it, else at once.</summary>
    private void Store(string key, ChatResponse value, string? model, JudgeCacheScope? scope)
    {
        // The journal line is made now: the caller may change the response once it has it.
        JournalLine line = JournalLine.Of(key, value, JsonSerializerOptions, model, _directory.EntryLabel);
        if (scope is not null)
            scope.Defer(Write);
        else
            Write();

        void Write()
        {
            try
            {
                _directory.Write(line);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the answer is already paid for and is used; only its copy on disk is lost.
                if (Interlocked.Exchange(ref _writeWarned, 1) == 0)
                {
                    Warn(scope, $"The judge cache in {_directory.Path} cannot be written ({e.Message}); answers are used but not cached " +
                        "(shown once; later writes are still tried). Check the directory's permissions and free space, or set FLASK_JUDGE_CACHE=off.");
                }
            }
        }
    }

    /// <summary>Removes an entry whose answer the judge could not read (read-write mode).</summary>
    private void Forget(string key, JudgeCacheScope scope)
    {
        try
        {
            _directory.Remove(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            scope.Warn($"The judge cache entry {key} in {_directory.Path} holds an answer the judge could not read and cannot be removed ({e.Message}).");
        }
    }

    /// <summary>Reports once, with the first request, the journal lines that could not be read.</summary>
    private void ReportDamage(JudgeCacheScope? scope)
    {
        if (Volatile.Read(ref _damageReported) != 0 || Interlocked.Exchange(ref _damageReported, 1) != 0)
            return;
        foreach (string damaged in _directory.Damaged)
            Warn(scope, $"The judge cache has an unreadable line, {damaged}; its entry counts as a miss.");
    }

    private static void Warn(JudgeCacheScope? scope, string warning)
    {
        if (scope is not null)
            scope.Warn(warning);
        else
            Console.Error.WriteLine($"warning: {warning}");
    }

    /// <summary>One look-up: the model id its key was computed with, the key, and why its entry could not be read.</summary>
    private sealed class Lookup(string? model)
    {
        public string? Model { get; } = model;

        public string? Key { get; set; }

        public string Problem { get; set; } = string.Empty;
    }
}
