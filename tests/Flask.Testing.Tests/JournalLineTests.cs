using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// <see cref="JournalLine"/> writes a judge answer's journal line in one pass: on generated answers (unicode, escapes,
/// usage, additional properties, several messages and contents, ids at any depth) its bytes are exactly the bytes its
/// first definition gave (serialize, re-parse and re-write the entry, then copy it into the line).
/// </summary>
public sealed class JournalLineTests
{
    private static readonly JsonSerializerOptions Options = AIJsonUtilities.DefaultOptions;

    /// <summary>The first definition, kept as the oracle: the entry re-written from its JSON, then the line around it.</summary>
    private static byte[] First(string key, ChatResponse response, string? model, string? label)
    {
        byte[] value = JsonSerializer.SerializeToUtf8Bytes(response, Options.GetTypeInfo(typeof(ChatResponse)));
        return FirstLine(key, FirstReformat(value, model, label));
    }

    private static byte[] FirstLine(string key, byte[] entry)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(entry.Length + key.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WritePropertyName("entry");
            writer.WriteRawValue(entry, skipInputValidation: true);
            writer.WriteEndObject();
        }
        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] FirstReformat(byte[] value, string? model, string? label)
    {
        using JsonDocument entry = JsonDocument.Parse(value);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            FirstWriteEntry(writer, entry.RootElement, model, label, top: true);
        return buffer.WrittenSpan.ToArray();
    }

    private static readonly string[] VolatileProperties = ["responseId", "messageId", "createdAt"];

    private static void FirstWriteEntry(Utf8JsonWriter writer, JsonElement element, string? model = null, string? label = null, bool top = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (Array.IndexOf(VolatileProperties, property.Name) >= 0 || (top && property.Name is "flaskModel" or "flaskFixture"))
                        continue;
                    writer.WritePropertyName(property.Name);
                    FirstWriteEntry(writer, property.Value);
                }
                if (top && model is not null)
                    writer.WriteString("flaskModel", model);
                if (top && label is not null)
                    writer.WriteString("flaskFixture", label);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                    FirstWriteEntry(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string Outcome(Func<byte[]> line)
    {
        try
        {
            return "line: " + Convert.ToHexString(line());
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or JsonException)
        {
            return "error: " + e.GetType().Name;
        }
    }

    private static readonly string[] Keys = ["responseId", "messageId", "createdAt", "flaskModel", "flaskFixture", "text", "a", "é", "k\"q"];

    private static AdditionalPropertiesDictionary? Properties(Random random, bool plain)
    {
        if (random.Next(3) != 0)
            return null;
        var properties = new AdditionalPropertiesDictionary();
        for (int i = random.Next(0, 5); i > 0; i--)
        {
            properties[Keys[random.Next(Keys.Length)]] = random.Next(5) switch
            {
                0 => GeneratedText.Next(random, plain),
                1 => random.Next(-5, 1000),
                2 => random.NextDouble(),
                3 => JsonDocument.Parse("""{"createdAt":"2024-01-01T00:00:00Z","keep":[{"messageId":1},{"x":"y","responseId":null}],"flaskModel":"nested stays"}""").RootElement,
                _ => null,
            };
        }
        return properties;
    }

    private static ChatResponse Response(Random random, bool plain)
    {
        var messages = new List<ChatMessage>();
        for (int m = random.Next(1, 4); m > 0; m--)
        {
            var contents = new List<AIContent>();
            for (int c = random.Next(0, 4); c > 0; c--)
            {
                contents.Add(random.Next(4) switch
                {
                    0 => new TextReasoningContent(GeneratedText.Next(random, plain)),
                    1 => new UsageContent(new UsageDetails { InputTokenCount = random.Next(100) }),
                    _ => new TextContent(GeneratedText.Next(random, plain)) { AdditionalProperties = Properties(random, plain) },
                });
            }
            messages.Add(new ChatMessage(random.Next(2) == 0 ? ChatRole.Assistant : new ChatRole("r" + GeneratedText.Next(random, plain)), contents)
            {
                MessageId = random.Next(2) == 0 ? null : GeneratedText.Next(random, plain),
                AuthorName = random.Next(4) == 0 ? GeneratedText.Next(random, plain) : null,
                CreatedAt = random.Next(3) == 0 ? DateTimeOffset.FromUnixTimeSeconds(random.Next()) : null,
                AdditionalProperties = Properties(random, plain),
            });
        }
        return new ChatResponse(messages)
        {
            ResponseId = random.Next(4) == 0 ? null : "chatcmpl-" + random.Next(),
            CreatedAt = random.Next(4) == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(random.Next()),
            ModelId = random.Next(3) == 0 ? null : GeneratedText.Next(random, plain),
            FinishReason = random.Next(3) == 0 ? null : ChatFinishReason.Stop,
            ConversationId = random.Next(5) == 0 ? GeneratedText.Next(random, plain) : null,
            Usage = random.Next(3) == 0 ? null : new UsageDetails
            {
                InputTokenCount = random.Next(5000),
                OutputTokenCount = random.Next(500),
                TotalTokenCount = random.Next(5500),
                AdditionalCounts = random.Next(2) == 0 ? null : new() { ["cached"] = random.Next(100) },
            },
            AdditionalProperties = Properties(random, plain),
        };
    }

    private static string? Name(Random random, bool plain) => random.Next(3) switch
    {
        0 => null,
        1 => "gpt-4o-mini",
        _ => GeneratedText.Next(random, plain),
    };

    [Fact]
    public void Generated_answers_give_the_lines_the_first_definition_gave()
    {
        var random = new Random(20261129);
        int escaped = 0, errors = 0;
        const int Count = 4000;
        for (int i = 0; i < Count; i++)
        {
            bool plain = random.Next(2) == 0;
            string key = Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + "-_x";
            ChatResponse response = Response(random, plain);
            string? model = Name(random, plain), label = Name(random, plain);
            escaped += JsonSerializer.Serialize(response, Options.GetTypeInfo(typeof(ChatResponse))).Contains("\\u", StringComparison.Ordinal) ? 1 : 0;

            string expected = Outcome(() => First(key, response, model, label));
            errors += expected.StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
            Assert.Equal(expected, Outcome(() => JournalLine.Of(key, response, Options, model, label).Bytes));
            byte[] value = JsonSerializer.SerializeToUtf8Bytes(response, Options.GetTypeInfo(typeof(ChatResponse)));
            Assert.Equal(expected, Outcome(() => JournalLine.OfJson(key, value, model, label).Bytes));
        }
        // Both the copying path (no \u escape) and the re-writing one were taken, many times each.
        Assert.InRange(escaped, Count / 5, Count * 4 / 5);
        Assert.True(errors < Count / 10, $"{errors} generated answers could not be written at all");
    }

    [Fact]
    public void The_entry_is_the_line_s_entry_and_a_removal_line_is_as_before()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Score: 5 \"ok\" <é>")) { ResponseId = "r1", CreatedAt = DateTimeOffset.UnixEpoch, ModelId = "m" };
        JournalLine line = JournalLine.Of("ABC", response, Options, "gpt", null);
        Assert.Equal("""{"key":"ABC","entry":{"messages":[{"role":"assistant","contents":[{"$type":"text","text":"Score: 5 \"ok\" <é>"}]}],"modelId":"m","flaskModel":"gpt"}}""" + "\n", Encoding.UTF8.GetString(line.Bytes));
        Assert.Equal("""{"messages":[{"role":"assistant","contents":[{"$type":"text","text":"Score: 5 \"ok\" <é>"}]}],"modelId":"m","flaskModel":"gpt"}""", Encoding.UTF8.GetString(line.Entry.Span));
        Assert.Equal("{\"key\":\"ABC\",\"removed\":true}\n", Encoding.UTF8.GetString(JournalLine.Removal("ABC")));
    }
}
