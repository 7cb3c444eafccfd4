using System;
using System.Collections;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>The FLASK_JUDGE_* environment, read the same way by tests and the CLI.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void Nothing_set_means_no_judge()
    {
        FlaskJudgeSettings settings = FlaskJudgeSettings.FromEnvironment(new Hashtable());

        Assert.Null(settings.Endpoint);
        Assert.False(settings.IsConfigured);
        Assert.Contains("FLASK_JUDGE_ENDPOINT", FlaskJudgeSettings.HowToConfigure);
        // Never a null client to trip over later: creating one says which settings are missing.
        var error = Assert.Throws<InvalidOperationException>(() => FlaskJudgeClient.Create(settings));
        Assert.Equal($"No FLASK judge is configured. {FlaskJudgeSettings.HowToConfigure}", error.Message);
    }

    [Fact]
    public void An_endpoint_and_model_configure_the_judge_with_a_read_write_cache()
    {
        FlaskJudgeSettings settings = FlaskJudgeSettings.FromEnvironment(new Hashtable
        {
            ["FLASK_JUDGE_ENDPOINT"] = "http://127.0.0.1:11434/v1",
            ["FLASK_JUDGE_MODEL"] = "llama3.1:8b",
            ["FLASK_JUDGE_CONCURRENCY"] = "4",
            ["FLASK_JUDGE_RPM"] = "60",
            ["FLASK_JUDGE_TIMEOUT_SECONDS"] = "30",
            ["FLASK_JUDGE_MAX_RETRIES"] = "0",
        });

        Assert.Equal("llama3.1:8b at http://127.0.0.1:11434/v1", settings.Endpoint!.ToString());
        Assert.Null(settings.Endpoint.ApiKey);
        Assert.Equal(JudgeCacheMode.ReadWrite, settings.Cache.Mode);
        Assert.Equal((4, 60, 30.0, 0), (settings.Resilience.MaxConcurrency, settings.Resilience.RequestsPerMinute, settings.Resilience.RequestTimeout.TotalSeconds, settings.Resilience.MaxRetries));
        Assert.Equal("llama3.1:8b", settings.Judge.Model);
        Assert.NotNull(FlaskJudgeClient.Create(settings));
    }

    [Fact]
    public void Replay_mode_is_a_judge_without_an_endpoint()
    {
        FlaskJudgeSettings settings = FlaskJudgeSettings.FromEnvironment(new Hashtable { ["FLASK_JUDGE_CACHE"] = "replay", ["FLASK_JUDGE_CACHE_DIR"] = "recorded" });

        Assert.True(settings.IsConfigured);
        Assert.Equal("recorded", settings.Cache.Directory);
        Assert.NotNull(FlaskJudgeClient.Create(settings));
    }

    [Theory]
    [InlineData("FLASK_JUDGE_ENDPOINT", "localhost:11434", "must be an absolute http(s) URL")]
    [InlineData("FLASK_JUDGE_CACHE", "sometimes", "must be off, readwrite or replay")]
    [InlineData("FLASK_JUDGE_CONCURRENCY", "0", "FLASK_JUDGE_CONCURRENCY must be a whole number above 0")]
    public void A_bad_value_is_a_clear_error_naming_the_variable(string variable, string value, string message)
    {
        var environment = new Hashtable { ["FLASK_JUDGE_ENDPOINT"] = "http://127.0.0.1:8000/v1", ["FLASK_JUDGE_MODEL"] = "m", [variable] = value };

        var error = Assert.Throws<FormatException>(() => FlaskJudgeSettings.FromEnvironment(environment));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("http://user:hunter2@127.0.0.1:8000/v1")]
    [InlineData("https://hunter2@judge.example/v1")]
    [InlineData("ftp://user:hunter2@judge.example/v1")]
    public void An_endpoint_with_credentials_in_its_URL_is_refused_without_printing_them(string url)
    {
        var error = Assert.Throws<FormatException>(() => FlaskJudgeSettings.FromEnvironment(new Hashtable { ["FLASK_JUDGE_ENDPOINT"] = url, ["FLASK_JUDGE_MODEL"] = "m" }));
        var direct = Assert.Throws<ArgumentException>(() => new JudgeEndpoint(new Uri(url), "m"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", direct.Message, StringComparison.Ordinal);
        Assert.Contains("FLASK_JUDGE_", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_without_a_model_says_what_is_missing()
    {
        var error = Assert.Throws<FormatException>(() => FlaskJudgeSettings.FromEnvironment(new Hashtable { ["FLASK_JUDGE_ENDPOINT"] = "http://127.0.0.1:8000/v1" }));

        Assert.Contains("FLASK_JUDGE_MODEL is not", error.Message);
    }

    [Fact]
    public void The_consecutive_failure_limit_is_read_from_the_environment_and_zero_turns_it_off()
    {
        Assert.Equal(5, FlaskJudgeSettings.FromEnvironment(new Hashtable()).Resilience.MaxConsecutiveFailures);
        Assert.Equal(12, FlaskJudgeSettings.FromEnvironment(new Hashtable { ["FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES"] = "12" }).Resilience.MaxConsecutiveFailures);
        Assert.Equal(0, FlaskJudgeSettings.FromEnvironment(new Hashtable { ["FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES"] = "0" }).Resilience.MaxConsecutiveFailures);
        var error = Assert.Throws<FormatException>(() => FlaskJudgeSettings.FromEnvironment(new Hashtable { ["FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES"] = "many" }));
        Assert.Contains("FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES must be a whole number", error.Message);
    }
}
