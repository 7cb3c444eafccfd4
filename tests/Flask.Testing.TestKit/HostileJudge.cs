using System;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Flask.Testing.TestKit;

/// <summary>
/// A judge that misbehaves the way real servers and proxies do (<see cref="HostileMode"/>): the loopback judge with
/// replies that write broken HTTP themselves, so tests can prove the client neither hangs, nor eats memory, nor leaks.
/// </summary>
public static class HostileJudge
{
    /// <summary>The size of a <see cref="HostileMode.HugeBody"/> answer: 50 MB.</summary>
    public const int HugeBodyBytes = 50 * 1024 * 1024;

    /// <summary>How long <see cref="HostileMode.SlowHeaders"/> and <see cref="HostileMode.StallMidBody"/> keep the client waiting.</summary>
    public static readonly TimeSpan SlowHeadersDelay = TimeSpan.FromMinutes(5);

    /// <summary>Starts a loopback judge that answers every call in <paramref name="mode"/>.</summary>
    public static Task<LoopbackJudge> StartAsync(HostileMode mode) => LoopbackJudge.StartAsync(call => Reply(mode, call));

    /// <summary>The reply of a judge in <paramref name="mode"/> to <paramref name="call"/>.</summary>
    public static JudgeReply Reply(HostileMode mode, JudgeCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        string valid = LoopbackJudge.Completion(call, LoopbackJudge.ScoreAll(4)(call));
        return mode switch
        {
            HostileMode.StallMidBody => Writes(async (context, ct) =>
            {
                await Partial(context, valid, ct).ConfigureAwait(false);
                await Task.Delay(SlowHeadersDelay, ct).ConfigureAwait(false);
            }),
            HostileMode.CloseMidBody => Writes(async (context, ct) =>
            {
                await Partial(context, valid, ct).ConfigureAwait(false);
                context.Abort();
            }),
            HostileMode.ConnectionReset => Writes((context, _) =>
            {
                // Linger 0 makes closing the socket send RST instead of FIN.
                if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
                    socket.LingerState = new LingerOption(true, 0);
                context.Abort();
                return Task.CompletedTask;
            }),
            HostileMode.InvalidJson => new JudgeReply { RawBody = valid[..(valid.Length / 2)] },
            HostileMode.HugeBody => Writes(Huge),
            HostileMode.Unauthorized => Echo(401, call),
            HostileMode.EchoAuthorization => Echo(400, call),
            HostileMode.SlowHeaders => LoopbackJudge.ScoreAll(4)(call) with { Delay = SlowHeadersDelay },
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
    }

    private static JudgeReply Writes(Func<HttpContext, CancellationToken, Task> write) => new() { Write = write };

    private static JudgeReply Echo(int status, JudgeCall call) => new()
    {
        Status = status,
        RawBody = $"{{\"error\":{{\"message\":\"Request rejected. You sent Authorization: {(call.Headers.TryGetValue("Authorization", out string? value) ? value : "(none)")}\",\"type\":\"invalid_request_error\"}}}}",
    };

    /// <summary>The headers with the whole body's length, and the first half of the body, flushed.</summary>
    private static async Task Partial(HttpContext context, string body, CancellationToken ct)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A valid chat completion whose content is <see cref="HugeBodyBytes"/> of text, streamed in chunks.</summary>
    private static async Task Huge(HttpContext context, CancellationToken ct)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"id\":\"chatcmpl-huge\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"", ct).ConfigureAwait(false);
        byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        for (int sent = 0; sent < HugeBodyBytes; sent += chunk.Length)
        {
            // Kestrel ignores writes to a closed connection; the flush result tells that the client went away.
            FlushResult flushed = await context.Response.BodyWriter.WriteAsync(chunk, ct).ConfigureAwait(false);
            if (flushed.IsCompleted || flushed.IsCanceled || ct.IsCancellationRequested)
                throw new IOException("The client closed the connection before the answer was sent.");
        }
        // Writes to a connection the client closed can be swallowed before Kestrel notices the close: give it time to
        // say so, so that an answer the client hung up on is never counted as sent whole.
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new IOException("The client closed the connection before the answer was sent.");
        }
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"\"}},\"finish_reason\":\"stop\"}}],\"usage\":{{\"prompt_tokens\":1,\"completion_tokens\":{HugeBodyBytes / 4},\"total_tokens\":1}}}}"), ct).ConfigureAwait(false);
    }
}
