using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The loopback judge reads a request from its UTF-8 bytes and writes its chat completion field by field (it shares the
/// cores with the tool in the benchmarks): what it reads and what it sends are those of its first definitions, kept
/// here — the request read as text, the completion serialized from an anonymous object.
/// </summary>
public sealed class LoopbackJudgeWireTests
{
    private static readonly string[] FinishReasons = ["stop", "length", "content_filter", "tool_calls", "", "\"odd\" \n reason é 😀"];

    [Fact]
    public void Completion_is_the_first_definition_for_generated_calls_and_replies()
    {
        var random = new Random(20261201);
        for (int i = 0; i < 5_000; i++)
        {
            var call = new JudgeCall(random.Next(), GeneratedText.Next(random), "system", GeneratedText.Next(random), "{}", new Dictionary<string, string>());
            JudgeReply reply = Reply(random);

            Assert.Equal(FirstCompletion(call, reply), LoopbackJudge.Completion(call, reply));
        }
    }

    [Fact]
    public async Task Over_HTTP_the_judge_reads_what_it_first_read_and_sends_the_first_completion_bytes()
    {
        var random = new Random(20261202);
        var replies = new Queue<JudgeReply>();
        await using var judge = await LoopbackJudge.StartAsync(_ => replies.Dequeue());
        using var client = new HttpClient();
        for (int i = 0; i < 150; i++)
        {
            byte[] body = RequestBody(random);
            JudgeReply reply = Reply(random);
            replies.Enqueue(reply);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(judge.BaseUrl, "chat/completions")) { Content = content };
            request.Headers.Add("X-Case", $"case {i}");

            using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            byte[] sent = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

            JudgeCall call = judge.Calls[i];
            JudgeCall first = FirstParse(call.Number, body);
            Assert.Equal((first.Model, first.SystemPrompt, first.UserPrompt, first.Body), (call.Model, call.SystemPrompt, call.UserPrompt, call.Body));
            Assert.Equal($"case {i}", call.Headers["x-case"]);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(Encoding.UTF8.GetBytes(FirstCompletion(first, reply)), sent);
            Assert.Equal(sent.Length, response.Content.Headers.ContentLength);
        }
        Assert.Equal(150, judge.Answered.Count);
    }

    [Fact]
    public async Task A_judge_that_keeps_no_calls_gives_its_script_the_headers_and_says_so_when_they_are_read_later()
    {
        JudgeCall? seen = null;
        string? header = null;
        await using var judge = await LoopbackJudge.StartAsync(call =>
        {
            seen = call;
            header = call.Headers["X-Case"];
            return JudgeReply.Review("{'factuality': 4}");
        }, record: false);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(judge.BaseUrl, "chat/completions"))
        {
            Content = new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Case", "read in the script");

        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("read in the script", header);
        Assert.Equal("read in the script", seen!.Headers["x-case"]); // read while answering: kept
        Assert.Empty(judge.Calls);
    }

    [Fact]
    public async Task A_judge_that_keeps_no_calls_refuses_headers_first_read_after_the_answer()
    {
        JudgeCall? seen = null;
        await using var judge = await LoopbackJudge.StartAsync(call =>
        {
            seen = call;
            return JudgeReply.Review("{'factuality': 4}");
        }, record: false);
        using var client = new HttpClient();
        using var content = new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await client.PostAsync(new Uri(judge.BaseUrl, "chat/completions"), content, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        var error = Assert.Throws<InvalidOperationException>(() => seen!.Headers);
        Assert.Contains("record: false", error.Message, StringComparison.Ordinal);
    }

    private static JudgeReply Reply(Random random) => new()
    {
        Content = GeneratedText.Next(random),
        FinishReason = FinishReasons[random.Next(FinishReasons.Length)],
    };

    /// <summary>A chat request as a client may send it: contents as text or as parts, several messages, a byte order mark.</summary>
    private static byte[] RequestBody(Random random)
    {
        var messages = new List<object>();
        string[] roles = ["system", "user", "assistant", "user", "system"];
        for (int m = 0, count = random.Next(0, 5); m < count; m++)
        {
            string role = roles[random.Next(roles.Length)];
            object content = random.Next(3) == 0
                ? Enumerable.Range(0, random.Next(0, 4)).Select(_ => new { type = "text", text = GeneratedText.Next(random) }).ToArray()
                : GeneratedText.Next(random);
            messages.Add(new { role, content });
        }
        object request = random.Next(4) == 0
            ? new { messages, temperature = 0 }
            : new { model = GeneratedText.Next(random), messages, temperature = 0 };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(request);
        return random.Next(10) == 0 ? [0xEF, 0xBB, 0xBF, .. json] : json;
    }

    /// <summary>The call as first read: the body as text (a stream reader's), then parsed.</summary>
    private static JudgeCall FirstParse(int number, byte[] bytes)
    {
        string body = new StreamReader(new MemoryStream(bytes)).ReadToEnd();
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        string Message(string role) => root.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == role)
            .Select(m => m.GetProperty("content"))
            .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Concat(c.EnumerateArray().Select(p => p.GetProperty("text").GetString())))
            .LastOrDefault() ?? string.Empty;
        return new JudgeCall(number, root.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "", Message("system"), Message("user"), body, new Dictionary<string, string>());
    }

    /// <summary>The completion as first written: an anonymous object, serialized.</summary>
    private static string FirstCompletion(JudgeCall call, JudgeReply reply) => JsonSerializer.Serialize(new
    {
        id = $"chatcmpl-loopback-{call.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = call.Model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = reply.FinishReason } },
        usage = new { prompt_tokens = call.UserPrompt.Length / 4, completion_tokens = reply.Content.Length / 4, total_tokens = (call.UserPrompt.Length + reply.Content.Length) / 4 },
    });
}
