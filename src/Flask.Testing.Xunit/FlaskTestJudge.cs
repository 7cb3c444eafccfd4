using System;
using System.Reflection;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Flask.Testing.Xunit;

/// <summary>
/// The judge of one test run, set up once from the assembly's <see cref="FlaskTestSetup"/> or the environment. The run
/// fixture (<see cref="FlaskTestRun"/>) creates and owns it; <see cref="FlaskAssert"/> reaches it through the fixture.
/// </summary>
internal sealed class FlaskTestJudge
{
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

    /// <summary>Reads the settings of <paramref name="assembly"/> and creates its judge.</summary>
    /// <exception cref="FormatException">A setting cannot be read.</exception>
    public static FlaskTestJudge Create(Assembly assembly)
    {
        var (read, setup, settings) = ReadSettings(assembly);
        bool implicitReplay = settings.Endpoint is null && !read.CacheModeChosen && settings.Cache.Mode == JudgeCacheMode.Off;
        if (implicitReplay)
            settings = settings with { Cache = settings.Cache with { Mode = JudgeCacheMode.Replay } };
        IChatClient? client = setup is not null ? setup.CreateJudge(settings) : settings.IsConfigured ? FlaskJudgeClient.Create(settings) : null;
        GateOptions gate = setup?.Gate(read.Gate) ?? read.Gate;
        return new FlaskTestJudge(client, settings, implicitReplay, gate, read.Run, read.Prices);
    }

    /// <summary>
    /// The judge's concurrency for <paramref name="assembly"/>, read without creating a judge: xUnit asks for it before
    /// any fixture exists. Null when the settings cannot be read (each FLASK test then fails with their message).
    /// </summary>
    public static int? Concurrency(Assembly assembly)
    {
        try
        {
            return ReadSettings(assembly).Judge.Resilience.MaxConcurrency;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (FlaskSettings Read, FlaskTestSetup? Setup, FlaskJudgeSettings Judge) ReadSettings(Assembly assembly)
    {
        FlaskSettings read = FlaskSettings.FromEnvironment();
        FlaskJudgeSettings settings = read.Judge;
        settings = settings with { Cache = settings.Cache with { Directory = FlaskTestPaths.Resolve(assembly, settings.Cache.Directory) } };
        FlaskTestSetup? setup = assembly.GetCustomAttribute<FlaskTestSetupAttribute>() is { } attribute
            ? (FlaskTestSetup)Activator.CreateInstance(attribute.SetupType)!
            : null;
        return (read, setup, setup is null ? settings : setup.Configure(settings));
    }
}
