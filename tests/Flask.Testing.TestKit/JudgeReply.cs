using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Flask.Testing.TestKit;

/// <summary>What the loopback judge answers to one call.</summary>
public sealed record JudgeReply
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The assistant message content of a 200 answer.</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>A raw body to send instead of a chat completion (for garbage).</summary>
    public string? RawBody { get; init; }

    /// <summary>Waits this long before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Extra response headers, e.g. Retry-After.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Drops the connection instead of answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Writes the whole response itself instead (status, headers, body), e.g. a hostile judge's; the token is
    /// cancelled when the client goes away.</summary>
    public Func<HttpContext, CancellationToken, Task>? Write { get; init; }

    /// <summary>The chat completion's finish reason.</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>A review with this text.</summary>
    public static JudgeReply Review(string text) => new() { Content = text };

    /// <summary>A FLASK-style review: feedback per skill, then a Python dict of skill name (lowercase) to score.</summary>
    public static JudgeReply Scores(params (string Skill, object Score)[] scores) => Review(FlaskReview(scores));

    /// <summary>An HTTP error, optionally with Retry-After seconds.</summary>
    public static JudgeReply Error(int status, int? retryAfterSeconds = null) => new()
    {
        Status = status,
        RawBody = $"{{\"error\":{{\"message\":\"loopback judge error {status}\",\"type\":\"server_error\"}}}}",
        Headers = retryAfterSeconds is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.Value.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>The text of a FLASK-style review, as GPT-4 writes them for FLASK.</summary>
    public static string FlaskReview(params (string Skill, object Score)[] scores)
    {
        var text = new StringBuilder();
        foreach (var (skill, score) in scores)
            text.Append(skill).Append(": The response was assessed for ").Append(skill.ToLowerInvariant()).Append(". Verdict ").Append(score).Append(".\n\n");
        text.Append('{')
            .Append(string.Join(", ", scores.Select(s => $"'{s.Skill.ToLowerInvariant()}': {Python(s.Score)}")))
            .Append('}');
        return text.ToString();
    }

    private static string Python(object score) => score switch
    {
        string s => $"'{s}'",
        double d => d.ToString("0.0##", CultureInfo.InvariantCulture),
        _ => Convert.ToString(score, CultureInfo.InvariantCulture)!,
    };
}
