using System.Collections.Generic;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary>The one way a command reads its settings: the process environment, overridden by its options.</summary>
internal static class CliSettings
{
    /// <summary>Every FLASK setting; <paramref name="options"/> override the variables they name (an option not given overrides nothing).</summary>
    /// <exception cref="System.FormatException">A value cannot be used; the one-line message names the option or variable, the value and what is allowed (exit 2).</exception>
    public static FlaskSettings Read(IEnumerable<SettingOverride> options) => FlaskSettings.Read(SettingsSource.From(null, options));
}
