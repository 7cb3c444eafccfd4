using System;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// Sits between the retry and the per-attempt timeout, so it sees every attempt: counts the attempts of the current
/// call, keeps <see cref="JudgeHealth"/> up to date (a failure counts, an answer resets, a 429 does neither, a
/// rejected key stops), and refuses to send anything once the judge is stopped, which ends the retries at once.
/// </summary>
internal sealed class JudgeHealthHandler(JudgeHealth health, JudgeFailureMessages failures) : DelegatingHandler
{
    private static readonly AsyncLocal<StrongBox<int>?> CurrentAttempts = new();

    /// <summary>Starts counting the attempts of the call in the current async flow.</summary>
    public static StrongBox<int> CountAttempts()
    {
        var attempts = new StrongBox<int>();
        CurrentAttempts.Value = attempts;
        return attempts;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        health.ThrowIfStopped();
        if (CurrentAttempts.Value is { } attempts)
            Interlocked.Increment(ref attempts.Value);
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
            Failed(failures.Cause(e));
            throw;
        }
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
