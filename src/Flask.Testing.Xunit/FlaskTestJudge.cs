using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Flask.Testing.Xunit;

/// <summary>The judge of one test assembly, set up once from its <see cref="FlaskTestSetup"/> or the environment.</summary>
internal sealed class FlaskTestJudge
{
    private static readonly ConcurrentDictionary<Assembly, Lazy<FlaskTestJudge>> Judges = new();

    private FlaskTestJudge(IChatClient? client, FlaskJudgeSettings settings, bool implicitReplay, GateOptions gate, FlaskRunSettings run, string? prices)
    {
        Prices = prices;
        Client = client;
        Settings = settings;
        ImplicitReplay = implicitReplay;
        Gate = gate;
        Run = run;
    }

    /// <summary>The judge; null when none is configured.</summary>
    public IChatClient? Client { get; }

    public FlaskJudgeSettings Settings { get; }

    /// <summary>
    /// No judge was configured, so recorded answers are used where there are some; a missing one skips the test
    /// (or fails it with FLASK_REQUIRE_JUDGE) rather than failing it as an explicit replay run does.
    /// </summary>
    public bool ImplicitReplay { get; }

    public GateOptions Gate { get; }

    /// <summary>The run's switches (results, baseline, unjudgeable tests), read with the judge's settings.</summary>
    public FlaskRunSettings Run { get; }

    /// <summary>The price file (FLASK_PRICES) the summary's cost adds to the shipped prices; null for the shipped prices only.</summary>
    public string? Prices { get; }

    private JudgeUnavailableException? _unavailable;

    /// <summary>Set when the judge failed in a way every further call would repeat (a rejected key, a dead judge).</summary>
    public JudgeUnavailableException? Unavailable => Volatile.Read(ref _unavailable);

    public void MarkUnavailable(JudgeUnavailableException exception) => Interlocked.CompareExchange(ref _unavailable, exception, null);

    /// <summary>The assembly's judge and settings, read once; a <see cref="FormatException"/> (an invalid setting) is thrown again to every caller.</summary>
    public static FlaskTestJudge For(Assembly assembly) => Judges.GetOrAdd(assembly, a => new Lazy<FlaskTestJudge>(() => Create(a))).Value;

    /// <summary>The assembly's judge, or null when its settings cannot be read (every FLASK test then fails with their message).</summary>
    public static FlaskTestJudge? TryFor(Assembly assembly)
    {
        try
        {
            return For(assembly);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static FlaskTestJudge Create(Assembly assembly)
    {
        FlaskSettings read = FlaskSettings.FromEnvironment();
        FlaskJudgeSettings settings = read.Judge;
        settings = settings with { Cache = settings.Cache with { Directory = FlaskTestPaths.Resolve(assembly, settings.Cache.Directory) } };
        FlaskTestSetup? setup = assembly.GetCustomAttribute<FlaskTestSetupAttribute>() is { } attribute
            ? (FlaskTestSetup)Activator.CreateInstance(attribute.SetupType)!
            : null;
        if (setup is not null)
            settings = setup.Configure(settings);

        bool implicitReplay = settings.Endpoint is null && !read.CacheModeChosen && settings.Cache.Mode == JudgeCacheMode.Off;
        if (implicitReplay)
            settings = settings with { Cache = settings.Cache with { Mode = JudgeCacheMode.Replay } };
        IChatClient? client = setup is not null ? setup.CreateJudge(settings) : settings.IsConfigured ? FlaskJudgeClient.Create(settings) : null;
        GateOptions gate = setup?.Gate(read.Gate) ?? read.Gate;
        return new FlaskTestJudge(client, settings, implicitReplay, gate, read.Run, read.Prices);
    }
}
