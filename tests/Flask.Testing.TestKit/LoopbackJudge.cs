using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
    public static async Task<LoopbackJudge> StartAsync(Func<JudgeCall, JudgeReply>? script = null, bool record = true)
    {
        // No configuration reload: it would watch the working directory and every folder under it (inotify), which
        // costs the judge and every process writing there CPU for each write.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
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
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        JudgeCall call = JudgeCall.Parse(Interlocked.Increment(ref _count), body, headers);
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
        await context.Response.WriteAsync(reply.RawBody ?? Completion(call, reply), context.RequestAborted).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
        Answer(call);
    }

    private void Answer(JudgeCall call)
    {
        if (_record)
            _answered.Enqueue(call.UserPrompt);
    }

    /// <summary>The chat-completion JSON the judge sends for <paramref name="reply"/> to <paramref name="call"/>.</summary>
    public static string Completion(JudgeCall call, JudgeReply reply) => JsonSerializer.Serialize(new
    {
        id = $"chatcmpl-loopback-{call.Number.ToString(CultureInfo.InvariantCulture)}",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = call.Model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = reply.FinishReason } },
        usage = new { prompt_tokens = call.UserPrompt.Length / 4, completion_tokens = reply.Content.Length / 4, total_tokens = (call.UserPrompt.Length + reply.Content.Length) / 4 },
    });

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
