using System;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// Sits between the retry and the per-attempt timeout, so it sees every attempt: counts the attempts of the call on
/// its request message (the retries re-send the same one) and writes the count on what goes back up, a failed
/// attempt's exception (<see cref="AttemptsData"/>) or an error answer (<see cref="AttemptsHeader"/>), so that the
/// transport client's failure message can say how often it tried; keeps <see cref="JudgeHealth"/> up to date (a failure counts, an answer resets, a 429 does neither, a
/// rejected key stops), and refuses to send anything once the judge is stopped, which ends the retries at once.
/// </summary>
internal sealed class JudgeHealthHandler(JudgeHealth health, JudgeFailureMessages failures) : DelegatingHandler
{
    /// <summary>The key in a failed attempt's <see cref="Exception.Data"/> of the attempts made so far (an int).</summary>
    public const string AttemptsData = "flask.judge.attempts";

    /// <summary>The header added to an error answer with the attempts made so far.</summary>
    public const string AttemptsHeader = "X-Flask-Attempts";

    private static readonly HttpRequestOptionsKey<StrongBox<int>> AttemptsKey = new(AttemptsData);

    /// <summary>The attempts noted on <paramref name="error"/> or anything it wraps (an error answer's header included); 1 if none.</summary>
    public static int AttemptsOf(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e.Data[AttemptsData] is int attempts)
                return attempts;
            if (e is System.ClientModel.ClientResultException result && result.GetRawResponse() is { } answer &&
                answer.Headers.TryGetValue(AttemptsHeader, out string? header) && int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out int fromHeader))
                return fromHeader;
        }
        return 1;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        health.ThrowIfStopped();
        if (!request.Options.TryGetValue(AttemptsKey, out StrongBox<int>? attempts))
            request.Options.Set(AttemptsKey, attempts = new StrongBox<int>());
        int attempt = Interlocked.Increment(ref attempts.Value);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller gave up: says nothing about the judge
        }
        catch (Exception e)
        {
            e.Data[AttemptsData] = attempt;
            Failed(failures.Cause(e));
            throw;
        }
        if (!response.IsSuccessStatusCode)
            response.Headers.TryAddWithoutValidation(AttemptsHeader, attempt.ToString(CultureInfo.InvariantCulture));
        int status = (int)response.StatusCode;
        if (status is 401 or 403)
            health.Stop(failures.Rejected(status));
        else if (response.IsSuccessStatusCode)
            health.Succeeded();
        else if (status is 408 or >= 500)
            Failed(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"));
        return response;
    }

    private void Failed(string cause)
    {
        if (health.Failed() is { } inARow)
            health.Stop(failures.Down(inARow, cause));
    }
}
