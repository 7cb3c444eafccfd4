using SupportBot;

namespace SupportBot.Tests;

/// <summary>
/// The app under test, created once and shared by every test. FLASK tests run concurrently (up to the judge's
/// concurrency, FLASK_JUDGE_CONCURRENCY, default 8: rows of a theory, tests of a class, tests of several classes), so
/// this client is called from several tests at once and must be safe for that:
/// <list type="bullet">
/// <item><see cref="SupportAssistant"/> keeps no state between calls: each call builds its own messages and options.</item>
/// <item>Its model is an <c>IChatClient</c>; the Microsoft.Extensions.AI clients for HTTP endpoints (OpenAI, Azure
/// OpenAI, Ollama) are safe to share across threads, and so is the offline <see cref="PolicyModel"/> (no state).</item>
/// </list>
/// An app that is not safe to call concurrently (a conversation kept in a field, a single-threaded SDK) gets one
/// instance per test instead, or its tests opt out with <c>[Fact(DisableParallelization = true)]</c> /
/// <c>[FlaskData(..., DisableParallelization = true)]</c> (docs/testing.md, "Concurrency").
/// </summary>
internal static class SupportApp
{
    /// <summary>The shared assistant, on the offline sample model.</summary>
    public static SupportAssistant Assistant { get; } = SupportAssistant.CreateOffline();
}
