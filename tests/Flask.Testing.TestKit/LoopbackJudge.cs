using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flask.Testing.TestKit;

/// <summary>
/// An OpenAI-compatible judge on 127.0.0.1 (Kestrel, a free port) for tests: it answers POST /v1/chat/completions as
/// its script says, records every call, and stops when disposed.
/// </summary>
public sealed class LoopbackJudge : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JudgeCall> _calls = new();
    private readonly ConcurrentQueue<string> _answered = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private readonly bool _record;

    private LoopbackJudge(WebApplication app, Func<JudgeCall, JudgeReply> script, bool record)
    {
        _app = app;
        Script = script;
        _record = record;
    }

    /// <summary>How the judge answers; may be changed between calls.</summary>
    public Func<JudgeCall, JudgeReply> Script { get; set; }

    /// <summary>The base URL to configure as the judge endpoint, ending in /v1.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How many chat requests arrived.</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>The user prompts of the calls answered (a reply fully sent), in completion order; empty when started with <c>record: false</c>.</summary>
    public IReadOnlyList<string> Answered => [.. _answered];

    /// <summary>The requests being handled now; a script reads it when a call arrives (the call itself included).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that were being handled at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>The calls received, in arrival order; empty when started with <c>record: false</c>.</summary>
    public IReadOnlyList<JudgeCall> Calls => [.. _calls.OrderBy(c => c.Number)];

    /// <summary>A port on 127.0.0.1 with nothing listening: the endpoint of a judge that is down.</summary>
    public static int DeadPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A script that scores every requested skill with <paramref name="score"/>, FLASK-style.</summary>
    public static Func<JudgeCall, JudgeReply> ScoreAll(int score) =>
        call => JudgeReply.Scores([.. call.SkillNames().Select(name => (name, (object)score))]);

    /// <summary>Starts a judge on 127.0.0.1 with <paramref name="script"/> (default: every skill scores 4).</summary>
    /// <param name="script">How the judge answers.</param>
    /// <param name="record">
    /// Whether <see cref="Calls"/> and <see cref="Answered"/> keep every call; false for a long-lived judge serving
    /// benchmarks (thousands of calls per run), whose memory must not grow with each call.
    /// </param>
    public static Task<LoopbackJudge> StartAsync(Func<JudgeCall, JudgeReply>? script = null, bool record = true) =>
        StartAsync(script, record, inline: false);

    /// <summary>
    /// Starts a judge whose requests, with <paramref name="inline"/>, run on the thread that reads the socket instead of
    /// being handed to the thread pool (Kestrel's <c>UnsafePreferInlineScheduling</c>): no thread wakes per request, so
    /// a judge sharing the cores with the tool it serves costs far fewer context switches. Only for a script that never
    /// blocks (a blocked script stalls every connection) and a process that also sets
    /// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> before its first socket: the loopback judge program.
    /// </summary>
    internal static async Task<LoopbackJudge> StartAsync(Func<JudgeCall, JudgeReply>? script, bool record, bool inline)
    {
        // No configuration reload: it would watch the working directory and every folder under it (inotify), which
        // costs the judge and every process writing there CPU for each write.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (inline)
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var judge = new LoopbackJudge(app, script ?? ScoreAll(4), record);
        app.MapPost("/v1/chat/completions", judge.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("Kestrel did not start.");
        judge.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return judge;
    }

    private async Task HandleAsync(HttpContext context)
    {
        int inFlight = Interlocked.Increment(ref _inFlight);
        for (int max = _maxInFlight; inFlight > max; max = _maxInFlight)
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        byte[] body = await ReadBodyAsync(context.Request.BodyReader, context.RequestAborted).ConfigureAwait(false);
        JudgeCall call = JudgeCall.Parse(Interlocked.Increment(ref _count), body, context.Request.Headers, _record);
        try
        {
            await ReplyAsync(context, call).ConfigureAwait(false);
        }
        finally
        {
            call.Answered();
        }
    }

    private async Task ReplyAsync(HttpContext context, JudgeCall call)
    {
        if (_record)
            _calls.Enqueue(call);

        JudgeReply reply = Script(call);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up (its timeout): nothing to answer
            }
        }
        if (reply.DropConnection)
        {
            context.Abort();
            return;
        }
        if (reply.Write is not null)
        {
            try
            {
                await reply.Write(context, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException || context.RequestAborted.IsCancellationRequested)
            {
                return; // the client gave up or the reply broke the connection on purpose
            }
            if (!context.RequestAborted.IsCancellationRequested) // Kestrel ignores writes to a closed connection
                Answer(call);
            return;
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
            context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json";
        // The whole body at once, with its length: one write to the socket per answer, not a chunk and an end chunk.
        ReadOnlyMemory<byte> bytes = reply.RawBody is { } raw ? Encoding.UTF8.GetBytes(raw) : CompletionUtf8(call, reply);
        context.Response.ContentLength = bytes.Length;
        await context.Response.BodyWriter.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
        Answer(call);
    }

    /// <summary>The whole request body; a UTF-8 byte order mark at its start is not part of it (as a text reader reads it).</summary>
    private static async Task<byte[]> ReadBodyAsync(PipeReader reader, CancellationToken cancellation)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellation).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (!result.IsCompleted)
            {
                reader.AdvanceTo(buffer.Start, buffer.End); // nothing consumed until the whole body is here
                continue;
            }
            ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
            SequenceReader<byte> start = new(buffer);
            byte[] body = (start.IsNext(bom) ? buffer.Slice(bom.Length) : buffer).ToArray();
            reader.AdvanceTo(buffer.End);
            return body;
        }
    }

    private void Answer(JudgeCall call)
    {
        if (_record)
            _answered.Enqueue(call.UserPrompt);
    }

    /// <summary>The chat-completion JSON the judge sends for <paramref name="reply"/> to <paramref name="call"/>.</summary>
    public static string Completion(JudgeCall call, JudgeReply reply) => Encoding.UTF8.GetString(CompletionUtf8(call, reply).Span);

    /// <summary>
    /// <see cref="Completion"/> as UTF-8, written field by field (the judge answers every call with one, and shares the
    /// cores with the tool): the JSON the serializer made of the anonymous object first used, byte for byte.
    /// </summary>
    private static ReadOnlyMemory<byte> CompletionUtf8(JudgeCall call, JudgeReply reply)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + 2 * reply.Content.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", $"chatcmpl-loopback-{call.Number.ToString(CultureInfo.InvariantCulture)}");
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", 1_700_000_000);
            json.WriteString("model", call.Model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", reply.Content);
            json.WriteEndObject();
            json.WriteString("finish_reason", reply.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", call.UserPrompt.Length / 4);
            json.WriteNumber("completion_tokens", reply.Content.Length / 4);
            json.WriteNumber("total_tokens", (call.UserPrompt.Length + reply.Content.Length) / 4);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
