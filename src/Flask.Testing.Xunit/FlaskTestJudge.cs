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

    private FlaskTestJudge(IChatClient? client, FlaskJudgeSettings settings, bool implicitReplay, GateOptions gate)
    {
        Client = client;
        Settings = settings;
        ImplicitReplay = implicitReplay;
        Gate = gate;
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

    private JudgeUnavailableException? _unavailable;

    /// <summary>Set when the judge failed in a way every further call would repeat (a rejected key, a dead judge).</summary>
    public JudgeUnavailableException? Unavailable => Volatile.Read(ref _unavailable);

    public void MarkUnavailable(JudgeUnavailableException exception) => Interlocked.CompareExchange(ref _unavailable, exception, null);

    public static FlaskTestJudge For(Assembly assembly) => Judges.GetOrAdd(assembly, a => new Lazy<FlaskTestJudge>(() => Create(a))).Value;

    private static FlaskTestJudge Create(Assembly assembly)
    {
        FlaskJudgeSettings settings = FlaskJudgeSettings.FromEnvironment();
        settings = settings with { Cache = settings.Cache with { Directory = FlaskTestPaths.Resolve(assembly, settings.Cache.Directory) } };
        FlaskTestSetup? setup = assembly.GetCustomAttribute<FlaskTestSetupAttribute>() is { } attribute
            ? (FlaskTestSetup)Activator.CreateInstance(attribute.SetupType)!
            : null;
        if (setup is not null)
            settings = setup.Configure(settings);

        bool implicitReplay = settings.Endpoint is null && FlaskTestEnvironment.Get(FlaskJudgeSettings.CacheVariable) is null && settings.Cache.Mode == JudgeCacheMode.Off;
        if (implicitReplay)
            settings = settings with { Cache = settings.Cache with { Mode = JudgeCacheMode.Replay } };
        IChatClient? client = setup is not null ? setup.CreateJudge(settings) : settings.IsConfigured ? FlaskJudgeClient.Create(settings) : null;
        GateOptions gate = setup?.Gate(FlaskTestEnvironment.Gate()) ?? FlaskTestEnvironment.Gate();
        return new FlaskTestJudge(client, settings, implicitReplay, gate);
    }
}
