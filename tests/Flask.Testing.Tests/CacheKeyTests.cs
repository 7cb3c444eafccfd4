using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// <see cref="JudgeCacheKey"/> gives, for generated requests, exactly the key Microsoft.Extensions.AI's caching client
/// computes (committed caches replay by it): unicode, characters JSON escapes, long and empty texts, several messages
/// and roles, every kind of option.
/// </summary>
public sealed class CacheKeyTests
{
    /// <summary>MEAI's own key, reached through its protected method.</summary>
    private sealed class MeaiKeys() : DistributedCachingChatClient(new NoJudge(), new JudgeCacheDirectory("unused"))
    {
        public string Key(IEnumerable<ChatMessage> messages, ChatOptions? options, params object?[] additional) =>
            GetCacheKey(messages, options, additional);

        public string? Ours(IEnumerable<ChatMessage> messages, ChatOptions? options, params object?[] additional) =>
            JudgeCacheKey.TryCompute(messages, options, additional, CacheKeyAdditionalValues, JsonSerializerOptions);
    }

    private sealed class NoJudge : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not called");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not called");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static string Text(Random random) => GeneratedText.Next(random);

    private static readonly ChatRole[] Roles = [ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, new ChatRole("Reviewer"), new ChatRole("weird \"role\" é")];

    private static ChatMessage Message(Random random)
    {
        var message = new ChatMessage(Roles[random.Next(Roles.Length)], Text(random));
        if (random.Next(4) == 0)
            message.Contents.Add(new TextContent(Text(random)));
        if (random.Next(5) == 0)
            message.AuthorName = Text(random);
        if (random.Next(5) == 0)
            message.AdditionalProperties = Properties(random);
        return message;
    }

    private static AdditionalPropertiesDictionary Properties(Random random)
    {
        var properties = new AdditionalPropertiesDictionary();
        int count = random.Next(0, 6);
        for (int i = 0; i < count; i++)
        {
            string key = random.Next(3) == 0 ? Text(random) : $"k{random.Next(20)}";
            properties[key] = random.Next(7) switch
            {
                0 => Text(random),
                1 => random.Next(-1000, 1000),
                2 => random.NextDouble() * 1e6,
                3 => random.Next(2) == 0,
                4 => null,
                5 => new[] { Text(random), Text(random) },
                _ => Element(random),
            };
        }
        return properties;
    }

    /// <summary>JSON with objects whose names are out of order (MEAI sorts them), nested.</summary>
    private static JsonElement Element(Random random)
    {
        string[] names = ["zeta", "Alpha", "alpha2", "_x", "$type", "é", "😀", "a\"b", "10", "9"];
        var json = new StringBuilder("{");
        foreach (string name in names.OrderBy(_ => random.Next()).Take(random.Next(1, names.Length)))
            json.Append(JsonSerializer.Serialize(name)).Append(':').Append(random.Next(3) switch { 0 => "[1,2.50,-0,1E3,{\"b\":1,\"a\":[]}]", 1 => JsonSerializer.Serialize(Text(random)), _ => "{\"y\":null,\"x\":true}" }).Append(',');
        json[^1] = '}';
        return JsonDocument.Parse(json.ToString()).RootElement;
    }

    private static ChatOptions? Options(Random random)
    {
        if (random.Next(6) == 0)
            return null;
        var options = new ChatOptions();
        if (random.Next(2) == 0)
            options.Temperature = random.Next(3) == 0 ? 0 : (float)random.NextDouble() * 2;
        if (random.Next(2) == 0)
            options.MaxOutputTokens = random.Next(1, 100_000);
        if (random.Next(2) == 0)
            options.ModelId = random.Next(3) == 0 ? Text(random) : "gpt-4o-mini";
        if (random.Next(4) == 0)
            options.TopP = (float)random.NextDouble();
        if (random.Next(4) == 0)
            options.Seed = random.NextInt64();
        if (random.Next(4) == 0)
            options.StopSequences = [Text(random), "[END]"];
        if (random.Next(4) == 0)
            options.ResponseFormat = random.Next(3) switch { 0 => ChatResponseFormat.Text, 1 => ChatResponseFormat.Json, _ => ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"z":{"type":"string"},"a":{"type":"integer"}}}""").RootElement, "review", Text(random)) };
        if (random.Next(3) == 0)
            options.AdditionalProperties = Properties(random);
        return options;
    }

    [Fact]
    public void Generated_requests_get_the_key_MEAI_computes()
    {
        var keys = new MeaiKeys();
        var random = new Random(20261129);
        for (int i = 0; i < 3000; i++)
        {
            ChatMessage[] messages = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => Message(random))];
            ChatOptions? options = Options(random);
            object? streaming = random.Next(8) == 0 ? true : false;
            Assert.Equal(keys.Key(messages, options, streaming), keys.Ours(messages, options, streaming));
        }
    }

    [Fact]
    public void A_judge_request_as_the_judge_sends_it_gets_MEAIs_key()
    {
        var keys = new MeaiKeys();
        ReviewPrompt prompt = ReviewPromptBuilder.Build(CacheCases.Request("A prince \"avenges\" his father <quickly> & 😀.", "hamlet"));
        ChatMessage[] messages = [new(ChatRole.System, prompt.System), new(ChatRole.User, prompt.User)];
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 1024, ModelId = "loopback-judge" };
        Assert.Equal(keys.Key(messages, options, false), keys.Ours(messages, options, false));
        Assert.Equal(keys.Key(messages, null, false), keys.Ours(messages, null, false));
    }

    [Theory]
    [InlineData("""{"Key":1,"key":2}""")]
    [InlineData("""{"a":{"b":1,"b":2}}""")]
    public void Names_MEAIs_tree_would_merge_are_left_to_MEAI(string json)
    {
        var keys = new MeaiKeys();
        var options = new ChatOptions { AdditionalProperties = new() { ["raw"] = JsonDocument.Parse(json).RootElement } };
        // MEAI's tree reads names case-insensitively under its web defaults and keeps one property per name; its own
        // computation decides such a request (JudgeResponseCache falls back to it on null).
        Assert.True(keys.JsonSerializerOptions.PropertyNameCaseInsensitive);
        Assert.Null(keys.Ours([new ChatMessage(ChatRole.User, "x")], options, false));
    }

    [Fact]
    public void A_very_large_object_is_left_to_MEAI()
    {
        var keys = new MeaiKeys();
        var options = new ChatOptions { AdditionalProperties = [] };
        for (int i = 0; i < 100; i++)
            options.AdditionalProperties[$"p{i}"] = i;
        Assert.Null(keys.Ours([new ChatMessage(ChatRole.User, "x")], options, false));
        options.AdditionalProperties.Remove("p0");
        options.AdditionalProperties = new(options.AdditionalProperties.Where(p => p.Key.Length < 3).ToDictionary());
        Assert.Equal(keys.Key([new ChatMessage(ChatRole.User, "x")], options, false), keys.Ours([new ChatMessage(ChatRole.User, "x")], options, false));
    }

    [Fact]
    public void Extra_client_values_take_part_in_the_key_as_in_MEAI()
    {
        var keys = new MeaiKeys { CacheKeyAdditionalValues = ["v2", 7] };
        ChatMessage[] messages = [new(ChatRole.User, "x")];
        Assert.Equal(keys.Key(messages, null, false), keys.Ours(messages, null, false));
    }
}
