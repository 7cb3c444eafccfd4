using System;
using System.Collections;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>An API key that could inject a header is refused before use, by a message that names the variable, not the key.</summary>
public sealed class ApiKeyValidationTests
{
    private const string Secret = "sk-valid-part-4c1d";

    public static TheoryData<int> ControlCharacters => [.. Enumerable.Range(0, 32).Append(127).Append(0x85).Append(0x2028)];

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void A_key_with_a_control_character_is_refused_naming_the_variable(int character)
    {
        string key = $"{Secret}{(char)character}X-Injected: 1";

        var error = Assert.Throws<ArgumentException>(() => new JudgeEndpoint(new Uri("http://127.0.0.1:1/v1/"), "m", key));

        Assert.Contains("FLASK_JUDGE_API_KEY", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
    }

    [Fact]
    public void A_key_with_CR_LF_in_the_environment_is_a_settings_error_naming_the_variable()
    {
        var environment = new Hashtable
        {
            [FlaskJudgeSettings.EndpointVariable] = "http://127.0.0.1:1/v1",
            [FlaskJudgeSettings.ModelVariable] = "m",
            [FlaskJudgeSettings.ApiKeyVariable] = $"{Secret}\r\nX-Injected: 1",
        };

        var error = Assert.Throws<FormatException>(() => FlaskJudgeSettings.FromEnvironment(environment));

        Assert.Contains("FLASK_JUDGE_API_KEY", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
    }

    [Fact]
    public void Every_printable_ASCII_key_is_accepted()
    {
        var random = new Random(20261129);
        for (int i = 0; i < 2000; i++)
        {
            string key = new([.. Enumerable.Range(0, random.Next(1, 80)).Select(_ => (char)random.Next(0x21, 0x7F))]);
            Assert.Equal(key, new JudgeEndpoint(new Uri("http://127.0.0.1:1/v1/"), "m", key).ApiKey);
        }
    }

    [Fact]
    public void An_endpoint_without_a_model_names_the_model_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => new JudgeEndpoint(new Uri("http://127.0.0.1:1/v1/"), " "));

        Assert.Contains("FLASK_JUDGE_MODEL", error.Message);
    }
}
