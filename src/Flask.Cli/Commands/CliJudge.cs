using System.CommandLine;
using Flask.Testing;
using Microsoft.Extensions.AI;

namespace Flask.Cli.Commands;

/// <summary>The judge options every judging command shares, over the same FLASK_JUDGE_* environment as the tests.</summary>
internal sealed class CliJudge
{
    public Option<string?> Endpoint { get; } = new("--judge-endpoint") { Description = "OpenAI-compatible base URL of the judge (default: FLASK_JUDGE_ENDPOINT)." };

    public Option<string?> Model { get; } = new("--judge-model") { Description = "The judge model (default: FLASK_JUDGE_MODEL). The API key is read from FLASK_JUDGE_API_KEY only." };

    public Option<string?> Cache { get; } = new("--cache") { Description = "off, readwrite or replay (default: FLASK_JUDGE_CACHE, else readwrite)." };

    public Option<string?> CacheDirectory { get; } = new("--cache-dir") { Description = "The response cache directory (default: FLASK_JUDGE_CACHE_DIR, else flask-cache)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Model);
        command.Options.Add(Cache);
        command.Options.Add(CacheDirectory);
    }

    /// <summary>All settings, read once: the environment, overridden by these options and <paramref name="more"/> (a command's own); an error names the option that gave a bad value.</summary>
    public FlaskSettings Settings(ParseResult parse, params SettingOverride[] more) => CliSettings.Read(Overrides(parse, more));

    /// <summary>What <see cref="Settings"/> reads the environment with: these options' values and <paramref name="more"/>.</summary>
    public SettingOverride[] Overrides(ParseResult parse, params SettingOverride[] more) =>
    [
        .. more,
        new(FlaskJudgeSettings.EndpointVariable, Endpoint.Name, parse.GetValue(Endpoint)),
        new(FlaskJudgeSettings.ModelVariable, Model.Name, parse.GetValue(Model)),
        new(FlaskJudgeSettings.CacheVariable, Cache.Name, parse.GetValue(Cache)),
        new(FlaskJudgeSettings.CacheDirectoryVariable, CacheDirectory.Name, parse.GetValue(CacheDirectory)),
    ];

    /// <summary>The judge, or a clear error saying how to configure one.</summary>
    public static IChatClient Create(FlaskJudgeSettings settings) =>
        settings.IsConfigured ? FlaskJudgeClient.Create(settings) : throw new CliException($"No judge is configured. {FlaskJudgeSettings.HowToConfigure} Or use --judge-endpoint and --judge-model.");
}
