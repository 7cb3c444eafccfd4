using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>A message of the shape the judge sends (a role, text items only): <see cref="JudgeCacheKey"/>'s fast path.</summary>
    private static ChatMessage PlainMessage(Random random)
    {
        var message = new ChatMessage(Roles[random.Next(Roles.Length)], (IList<AIContent>)[]);
        int items = random.Next(4);
        for (int i = 0; i < items; i++)
            message.Contents.Add(new TextContent(Text(random)));
        return message;
    }

    /// <summary>The bytes MEAI hashes for one value: its JSON tree, every object's properties sorted ordinally, compact.</summary>
    private static byte[] MeaiBytes(object? value)
    {
        JsonNode? node = JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
        Sort(node);
        var output = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            if (node is null)
                writer.WriteNullValue();
            else
                node.WriteTo(writer);
        }
        return output.ToArray();

        static void Sort(JsonNode? node)
        {
            if (node is JsonArray array)
            {
                foreach (JsonNode? item in array)
                    Sort(item);
            }
            else if (node is JsonObject obj)
            {
                KeyValuePair<string, JsonNode?>[] properties = [.. obj.OrderBy(p => p.Key, StringComparer.Ordinal)];
                obj.Clear();
                foreach (var (key, item) in properties)
                {
                    obj.Add(key, item);
                    Sort(item);
                }
            }
        }
    }

    private static bool WellFormed(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // a lone surrogate
        }
    }

    /// <summary>What the fast path writes for <paramref name="value"/>, or null where it leaves it to the general path.</summary>
    private static byte[]? FastBytes(object? value)
    {
        var output = new System.IO.MemoryStream();
        using var writer = new Utf8JsonWriter(output);
        if (!JudgeCacheKey.TryWriteKnown(writer, value))
        {
            writer.Flush();
            Assert.Equal(0, output.Length); // nothing written by a refusal
            return null;
        }
        writer.Flush();
        return output.ToArray();
    }

    [Fact]
    public void Requests_of_the_judges_shape_take_the_fast_path_and_hash_MEAIs_bytes()
    {
        var keys = new MeaiKeys();
        var random = new Random(20261130);
        int fast = 0;
        for (int i = 0; i < 2000; i++)
        {
            ChatMessage[] messages = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => PlainMessage(random))];
            // Generated texts include lone surrogates, which the fast path leaves to the general one.
            bool wellFormed = messages.All(m => m.Contents.All(c => WellFormed(((TextContent)c).Text)));
            byte[]? bytes = FastBytes(messages);
            Assert.Equal(wellFormed, bytes is not null);
            if (bytes is not null)
            {
                fast++;
                Assert.Equal(Encoding.UTF8.GetString(MeaiBytes(messages)), Encoding.UTF8.GetString(bytes));
            }
            ChatOptions? options = Options(random);
            Assert.Equal(keys.Key(messages, options, false), keys.Ours(messages, options, false));
        }
        Assert.True(fast > 500, $"only {fast} of 2000 requests took the fast path");
    }

    [Fact]
    public void Escaping_heavy_texts_on_the_fast_path_hash_MEAIs_bytes()
    {
        var keys = new MeaiKeys();
        string[] texts =
        [
            "", " ", "\"quoted\" <b>&amp;</b> 1+1 'single' `back`", "\u0000\u0001\u0008\u000b\u001f\u007f\t\r\n\f\b",
            "\u2028\u2029\ufeff\ufffd\u00a0\u0085", "😀 👨‍👩‍👧 𝄞 中文 é", "\\ / \\u0041", new string('<', 5000) + new string('é', 5000),
            string.Concat(Enumerable.Repeat("Score: 5 \"[END]\" <script>&</script>\n", 400)),
        ];
        foreach (string text in texts)
        {
            foreach (ChatRole role in Roles)
            {
                ChatMessage[] messages = [new(role, text), new(ChatRole.User, [new TextContent(text), new TextContent("x")])];
                Assert.Equal(Encoding.UTF8.GetString(MeaiBytes(messages)), Encoding.UTF8.GetString(FastBytes(messages)!));
                Assert.Equal(keys.Key(messages, null, false, text), keys.Ours(messages, null, false, text));
            }
            Assert.Equal(MeaiBytes(text), FastBytes(text));
        }
    }

    /// <summary>A plain message changed in one way the fast path does not know, each of which MEAI serializes.</summary>
    private static readonly Func<Random, ChatMessage, object>[] NearMisses =
    [
        (r, m) => { m.AuthorName = "author " + Text(r); return m; },
        (r, m) => { m.CreatedAt = new DateTimeOffset(2026, 11, 30, 2, r.Next(60), 0, TimeSpan.FromHours(r.Next(-5, 6))); return m; },
        (r, m) => { m.MessageId = "id-" + Text(r); return m; },
        (r, m) => { m.AdditionalProperties = Properties(r); return m; },
        (r, m) => { m.AdditionalProperties = []; return m; },
        (r, m) => { m.Role = default; return m; },
        (r, m) => { m.Contents.Add(new TextContent(Text(r)) { Annotations = [] }); return m; },
        (r, m) => { m.Contents.Add(new TextContent(Text(r)) { Annotations = [new CitationAnnotation { Title = Text(r), Url = new Uri("https://example.com/a") }] }); return m; },
        (r, m) => { m.Contents.Add(new TextContent(Text(r)) { AdditionalProperties = Properties(r) }); return m; },
        (r, m) => { m.Contents.Add(new TextReasoningContent(Text(r))); return m; },
        (r, m) => { m.Contents.Add(new DataContent(new byte[] { 1, 2, 3, (byte)r.Next(256) }, "image/png")); return m; },
        (r, m) => { m.Contents.Add(new UriContent("https://example.com/x.png", "image/png")); return m; },
        (r, m) => { m.Contents.Add(new ErrorContent(Text(r))); return m; },
        (r, m) => { m.Contents.Add(new FunctionCallContent("call-1", "score", new Dictionary<string, object?> { ["skill"] = Text(r), ["n"] = r.Next() })); return m; },
        (r, m) => { m.Contents.Add(new UsageContent(new UsageDetails { InputTokenCount = r.Next(), OutputTokenCount = 3 })); return m; },
        (r, m) => { m.Contents.Add(new AIContent()); return m; },
        (r, m) => new Subclassed(m.Role, m.Contents) { Note = Text(r) },
        (r, m) => { m.Contents.Add(new TextContent(Text(r) + "\ud800" + Text(r))); return m; },
        (r, m) => { m.Contents.Add(new TextContent("\udfff" + Text(r))); return m; },
        (r, m) => { m.Contents.Add(new TextContent(Text(r) + "\ud83d")); return m; },
    ];

    /// <summary>A message type of a user's: serialized by <see cref="ChatMessage"/>'s contract, left to the general path all the same.</summary>
    private sealed class Subclassed(ChatRole role, IList<AIContent> contents) : ChatMessage(role, contents)
    {
        public string Note { get; set; } = "";
    }

    [Fact]
    public void Near_misses_of_the_judges_shape_are_left_to_the_general_path_and_keyed_as_MEAI_keys_them()
    {
        var keys = new MeaiKeys();
        var random = new Random(2026113002);
        for (int i = 0; i < 1500; i++)
        {
            int which = i % NearMisses.Length;
            var messages = new List<ChatMessage>();
            int count = random.Next(1, 4), odd = random.Next(count);
            for (int m = 0; m < count; m++)
                messages.Add(m == odd ? (ChatMessage)NearMisses[which](random, PlainMessage(random)) : PlainMessage(random));
            ChatMessage[] array = [.. messages];
            Assert.True(FastBytes(array) is null, $"near miss {which} took the fast path");
            ChatOptions? options = Options(random);
            Assert.True(keys.Key(array, options, false) == keys.Ours(array, options, false), $"near miss {which}: not MEAI's key");
        }
    }

    [Fact]
    public void Other_collections_and_values_are_keyed_as_MEAI_keys_them()
    {
        var keys = new MeaiKeys();
        var random = new Random(2026113003);
        for (int i = 0; i < 300; i++)
        {
            List<ChatMessage> list = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => PlainMessage(random))];
            Assert.Null(FastBytes(list));
            Assert.Equal(keys.Key(list, null, false), keys.Ours(list, null, false));
            ChatMessage?[] withNull = [PlainMessage(random), null];
            Assert.Null(FastBytes(withNull));
            object?[] values = [Text(random), random.Next(int.MinValue, int.MaxValue), random.Next(2) == 0, null, random.NextInt64(), random.NextDouble()];
            Assert.Equal(keys.Key(list, null, values), keys.Ours(list, null, values));
            foreach (object? value in values)
            {
                if (FastBytes(value) is { } bytes)
                    Assert.Equal(MeaiBytes(value), bytes);
            }
        }
    }

    [Fact]
    public void Strings_the_serializer_writes_without_escaping_get_MEAIs_key()
    {
        // A date's '+' offset is written as it is by the serializer, while MEAI's tree escapes it (\u002B) when hashing.
        var keys = new MeaiKeys();
        var created = new DateTimeOffset(2026, 11, 30, 2, 13, 0, TimeSpan.FromHours(5.5));
        ChatMessage[] messages = [new(ChatRole.User, "x") { CreatedAt = created }];
        Assert.Equal(keys.Key(messages, null, false), keys.Ours(messages, null, false));
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["at"] = created, ["local"] = new DateTime(2026, 11, 30, 2, 13, 0, DateTimeKind.Local), ["id"] = Guid.NewGuid(),
                ["span"] = TimeSpan.FromMinutes(-90), ["when"] = DateOnly.FromDateTime(created.Date), ["char"] = '<',
            },
        };
        ChatMessage[] plain = [new(ChatRole.User, "x")];
        Assert.Equal(keys.Key(plain, options, false), keys.Ours(plain, options, false));
    }

    [Fact]
    public void Options_of_the_judges_shape_take_the_fast_path_and_others_are_keyed_as_MEAI_keys_them()
    {
        var keys = new MeaiKeys();
        var random = new Random(2026113004);
        ChatMessage[] messages = [new(ChatRole.System, "rubric"), new(ChatRole.User, "answer")];
        float[] temperatures = [0, 0.7f, 1, 2, 1e-7f, 0.1f, 1.0000001f, float.Epsilon, -0f, 123456.79f, float.MaxValue];
        for (int i = 0; i < 1500; i++)
        {
            var options = new ChatOptions
            {
                Temperature = random.Next(4) switch { 0 => null, 1 => temperatures[random.Next(temperatures.Length)], _ => (float)(random.NextDouble() * 2) },
                MaxOutputTokens = random.Next(3) == 0 ? null : random.Next(int.MinValue, int.MaxValue),
                ModelId = random.Next(4) switch { 0 => null, 1 => Text(random), _ => "gpt-4o-mini" },
            };
            bool plain = options.ModelId is null || WellFormed(options.ModelId);
            // One property the fast path does not write, in a third of them.
            if (random.Next(3) == 0)
            {
                plain = false;
                switch (random.Next(8))
                {
                    case 0: options.TopP = 0.5f; break;
                    case 1: options.Seed = random.NextInt64(); break;
                    case 2: options.StopSequences = []; break;
                    case 3: options.AdditionalProperties = []; break;
                    case 4: options.ResponseFormat = ChatResponseFormat.Json; break;
                    case 5: options.Instructions = Text(random); break;
                    case 6: options.ConversationId = "c"; break;
                    default: options.Temperature = float.NaN; break;
                }
            }
            byte[]? bytes = FastBytes(options);
            Assert.Equal(plain, bytes is not null);
            if (bytes is not null)
                Assert.Equal(Encoding.UTF8.GetString(MeaiBytes(options)), Encoding.UTF8.GetString(bytes));
            if (options.Temperature is not float.NaN) // which the serializer refuses
                Assert.Equal(keys.Key(messages, options, false), keys.Ours(messages, options, false));
        }
        Assert.Null(FastBytes(new OtherOptions { ModelId = "m" }));
        Assert.Equal(keys.Key(messages, new OtherOptions { ModelId = "m" }, false), keys.Ours(messages, new OtherOptions { ModelId = "m" }, false));
    }

    private sealed class OtherOptions : ChatOptions
    {
    }
}
