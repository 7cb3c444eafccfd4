using System;
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

    /// <summary>The settings: the environment, overridden by options.</summary>
    public FlaskJudgeSettings Settings(ParseResult parse)
    {
        var environment = Environment.GetEnvironmentVariables();
        if (parse.GetValue(Endpoint) is { } endpoint)
            environment[FlaskJudgeSettings.EndpointVariable] = endpoint;
        if (parse.GetValue(Model) is { } model)
            environment[FlaskJudgeSettings.ModelVariable] = model;
        if (parse.GetValue(Cache) is { } cache)
            environment[FlaskJudgeSettings.CacheVariable] = cache;
        if (parse.GetValue(CacheDirectory) is { } directory)
            environment[FlaskJudgeSettings.CacheDirectoryVariable] = directory;
        return FlaskJudgeSettings.FromEnvironment(environment);
    }

    /// <summary>The judge, or a clear error saying how to configure one.</summary>
    public static IChatClient Create(FlaskJudgeSettings settings) =>
        settings.IsConfigured ? FlaskJudgeClient.Create(settings) : throw new CliException($"No judge is configured. {FlaskJudgeSettings.HowToConfigure} Or use --judge-endpoint and --judge-model.");
}
