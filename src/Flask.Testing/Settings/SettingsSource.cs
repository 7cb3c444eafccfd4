using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace Flask.Testing;

/// <summary>
/// Where FLASK's settings are read from, in layers: the environment, then values given on a command line. A value is
/// named in an error by where it came from: the variable, or the option that overrode it.
/// </summary>
internal sealed class SettingsSource
{
    private readonly IConfiguration _configuration;
    private readonly Dictionary<string, string> _options;

    private SettingsSource(IConfiguration configuration, Dictionary<string, string> options)
    {
        _configuration = configuration;
        _options = options;
    }

    /// <summary>The environment (the process's when <paramref name="environment"/> is null), overridden by the given options.</summary>
    public static SettingsSource From(IDictionary? environment, IEnumerable<SettingOverride>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        if (environment is null)
            builder.AddEnvironmentVariables();
        else
            builder.AddInMemoryCollection(environment.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string?>(e.Key.ToString()!, e.Value?.ToString())));
        var given = (overrides ?? []).Where(o => o.Value is not null).ToList();
        builder.AddInMemoryCollection(given.Select(o => new KeyValuePair<string, string?>(o.Variable, o.Value)));
        return new SettingsSource(builder.Build(), given.ToDictionary(o => o.Variable, o => o.Option, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The trimmed value of a variable; null when it is unset or blank.</summary>
    public string? Text(string variable) => _configuration[variable] is { } value && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>What a message calls the setting: the option that gave its value, else the variable.</summary>
    public string Name(string variable) => _options.TryGetValue(variable, out string? option) ? option : variable;

    /// <summary>The one-line error for a value that cannot be used: what, the value, and what is allowed.</summary>
    public FormatException Invalid(string variable, string allowed, string value) => new($"{Name(variable)} must be {allowed}, not '{value}'.");
}
