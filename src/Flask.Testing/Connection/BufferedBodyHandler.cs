using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// Reads the judge's whole answer inside the attempt that asked for it, so the attempt's timeout covers every byte (a
/// judge that stalls mid-body is a timeout, not a hang), and at most <c>maxBytes</c> of it (a flood is a failed attempt,
/// not gigabytes of memory). A body cut off, over the cap, or a success that is not JSON becomes an
/// <see cref="HttpRequestException"/>, which the retry strategy treats like any transient fault.
/// </summary>
internal sealed class BufferedBodyHandler(int maxBytes) : DelegatingHandler
{
    private const int ChunkBytes = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] body = await ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && IsJson(response.Content) && Problem(body, request) is { } problem)
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse,
                    $"a {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} answer whose body is {problem} ({body.Length.ToString(CultureInfo.InvariantCulture)} bytes)");
            }
            var buffered = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            buffered.Headers.ContentLength = body.Length;
            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch
        {
            response.Dispose(); // closes the connection, so the server's remaining bytes are never read
            throw;
        }
    }

    private async Task<byte[]> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
            throw TooLarge();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var body = new MemoryStream();
            Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > maxBytes)
                        throw TooLarge();
                    body.Write(chunk, 0, read);
                }
            }
            return body.ToArray();
        }
        catch (IOException e)
        {
            // Cancelled (the attempt's timeout, or the caller): stays cancellation, so Polly reports its timeout.
            cancellationToken.ThrowIfCancellationRequested();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"the connection broke while the answer was read ({e.Message})", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private HttpRequestException TooLarge() => new(HttpRequestError.InvalidResponse,
        $"an answer larger than {Size(maxBytes)} ({nameof(JudgeResilienceOptions)}.{nameof(JudgeResilienceOptions.MaxResponseBytes)}); it was not read further");

    /// <summary>A byte count as a person reads it: "4 MB", "64 KB", "100 bytes".</summary>
    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{(bytes / 1024).ToString(CultureInfo.InvariantCulture)} KB",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
    };

    // Servers streaming events (text/event-stream) are left alone; a chat completion is JSON, or unlabelled.
    private static bool IsJson(HttpContent content) =>
        content.Headers.ContentType?.MediaType is not { } type || type.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why a success body is unusable, or null: not JSON (cut off, or HTML from a proxy), or for a chat completion not
    /// one (no choice with a message), which the OpenAI client would otherwise fail on with an unrelated exception.
    /// </summary>
    private static string? Problem(byte[] body, HttpRequestMessage request)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            if (request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
                return null;
            JsonElement root = json.RootElement;
            bool completion = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("choices", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices.EnumerateArray().All(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.Object);
            return completion ? null : "JSON but not a chat completion (no choice with a message)";
        }
        catch (JsonException)
        {
            return "not valid JSON (cut off, or not an API answer)";
        }
    }
}
