using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>One settings model for the judge, cache, gate and run: read once, every variable documented in one table.</summary>
public sealed class FlaskSettingsTests
{
    [Fact]
    public void Every_part_is_read_from_one_environment()
    {
        FlaskSettings settings = FlaskSettings.FromEnvironment(new Hashtable
        {
            ["FLASK_JUDGE_ENDPOINT"] = "http://127.0.0.1:11434/v1",
            ["FLASK_JUDGE_MODEL"] = "judge",
            ["FLASK_JUDGE_CACHE"] = "replay",
            ["FLASK_GATE_TOLERANCE"] = " 0.5 ",
            ["FLASK_REQUIRE_JUDGE"] = "TRUE",
            ["FLASK_UPDATE_BASELINE"] = "no",
            ["FLASK_BASELINE"] = "base.json",
            ["FLASK_RESULTS_DIR"] = "out",
            ["FLASK_MODEL_API_KEY"] = "sk-model",
        });

        Assert.Equal("judge", settings.Judge.Endpoint!.Model);
        Assert.Equal(JudgeCacheMode.Replay, settings.Judge.Cache.Mode);
        Assert.True(settings.CacheModeChosen);
        Assert.Equal(0.5, settings.Gate.Tolerance);
        Assert.Equal(new FlaskRunSettings { RequireJudge = true, UpdateBaseline = false, Baseline = "base.json", ResultsDirectory = "out" }, settings.Run);
        Assert.Equal("sk-model", settings.ModelApiKey);
        Assert.DoesNotContain("sk-model", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_set_is_the_documented_defaults()
    {
        FlaskSettings settings = FlaskSettings.FromEnvironment(new Hashtable());

        Assert.Equal(new GateOptions(), settings.Gate);
        Assert.Equal(new FlaskRunSettings(), settings.Run);
        Assert.False(settings.CacheModeChosen);
        Assert.Null(settings.Judge.Endpoint);
    }

    [Fact]
    public void The_defaults_in_the_settings_table_of_settings_md_are_the_ones_read()
    {
        FlaskSettings settings = FlaskSettings.FromEnvironment(new Hashtable());
        var documented = File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "settings.md"))
            .Select(line => Regex.Match(line, @"^\| `(FLASK_[A-Z_]+)` \|[^|]*\| ([^|]*) \|"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

        // Each documented default against the value read when nothing is set.
        Assert.Equal(settings.Judge.Resilience.RequestTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), documented["FLASK_JUDGE_TIMEOUT_SECONDS"]);
        Assert.Equal(settings.Judge.Resilience.MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture), documented["FLASK_JUDGE_MAX_RETRIES"]);
        Assert.Equal(settings.Judge.Resilience.MaxConsecutiveFailures.ToString(System.Globalization.CultureInfo.InvariantCulture), documented["FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES"]);
        Assert.Equal(settings.Judge.Resilience.MaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), documented["FLASK_JUDGE_CONCURRENCY"]);
        Assert.Equal(settings.Gate.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture), documented["FLASK_GATE_TOLERANCE"]);
        Assert.Null(settings.Judge.Resilience.RequestsPerMinute);
        Assert.Equal("no limit", documented["FLASK_JUDGE_RPM"]);
        Assert.StartsWith($"`{settings.Judge.Cache.Directory}`", documented["FLASK_JUDGE_CACHE_DIR"], StringComparison.Ordinal);
        Assert.Equal("`false`", documented["FLASK_UPDATE_BASELINE"]);
        Assert.False(settings.Run.UpdateBaseline);
        Assert.Equal("`false`", documented["FLASK_REQUIRE_JUDGE"]);
        Assert.False(settings.Run.RequireJudge);
    }

    [Theory]
    [InlineData("FLASK_GATE_TOLERANCE", "0,25", "FLASK_GATE_TOLERANCE must be a number of score points, 0 or more, such as 0.25, not '0,25'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "NaN", "FLASK_GATE_TOLERANCE must be a number of score points, 0 or more, such as 0.25, not 'NaN'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "4", "FLASK_GATE_TOLERANCE must be below 4 score points, such as 0.25 (4 is the largest drop there is, every score from 5 to 1: the gate would fail on nothing less), not '4'.")]
    [InlineData("FLASK_GATE_TOLERANCE", "12.5", "FLASK_GATE_TOLERANCE must be below 4 score points, such as 0.25 (4 is the largest drop there is, every score from 5 to 1: the gate would fail on nothing less), not '12.5'.")]
    [InlineData("FLASK_REQUIRE_JUDGE", "on", "FLASK_REQUIRE_JUDGE must be true or false, not 'on'.")]
    [InlineData("FLASK_UPDATE_BASELINE", "ja", "FLASK_UPDATE_BASELINE must be true or false, not 'ja'.")]
    [InlineData("FLASK_JUDGE_RPM", "many", "FLASK_JUDGE_RPM must be a whole number above 0, not 'many'.")]
    [InlineData("FLASK_JUDGE_CACHE", "sometimes", "FLASK_JUDGE_CACHE must be off, readwrite or replay, not 'sometimes'.")]
    public void An_invalid_value_is_one_line_naming_the_variable_the_value_and_what_is_allowed(string variable, string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FlaskSettings.FromEnvironment(new Hashtable { [variable] = value }));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_command_line_value_overrides_the_variable_and_an_error_names_the_option()
    {
        var environment = new Hashtable { ["FLASK_GATE_TOLERANCE"] = "1", ["FLASK_JUDGE_CACHE"] = "off" };

        FlaskSettings overridden = FlaskSettings.Read(SettingsSource.From(environment,
            [new("FLASK_GATE_TOLERANCE", "--tolerance", "0.1"), new("FLASK_JUDGE_CACHE", "--cache", null)]));
        var error = Assert.Throws<FormatException>(() => FlaskSettings.Read(SettingsSource.From(environment, [new("FLASK_GATE_TOLERANCE", "--tolerance", "x")])));

        Assert.Equal(0.1, overridden.Gate.Tolerance);
        Assert.Equal(JudgeCacheMode.Off, overridden.Judge.Cache.Mode); // an option not given overrides nothing
        Assert.Equal("--tolerance must be a number of score points, 0 or more, such as 0.25, not 'x'.", error.Message);
    }

    [Fact]
    public void A_model_key_that_cannot_be_a_header_names_its_own_variable_never_the_value()
    {
        var error = Assert.Throws<FormatException>(() => FlaskSettings.FromEnvironment(new Hashtable { ["FLASK_MODEL_API_KEY"] = "sk-abc\ndef" }));

        Assert.StartsWith("FLASK_MODEL_API_KEY contains a control character", error.Message);
        Assert.DoesNotContain("sk-abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_table_the_settings_model_and_the_source_name_the_same_variables()
    {
        string[] documented = [.. File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "settings.md"))
            .Select(line => Regex.Match(line, @"^\| `(FLASK_[A-Z_]+)`"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)];
        string[] inSource = [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .SelectMany(path => Regex.Matches(File.ReadAllText(path), "\"(FLASK_[A-Z_]+)\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)];

        Assert.Equal(FlaskSettings.Variables, documented); // same names, same order
        Assert.Equal(FlaskSettings.Variables.Order(StringComparer.Ordinal), inSource);
    }
}
