namespace Flask.Testing;

/// <summary>A value given on a command line for a setting, overriding its environment variable.</summary>
/// <param name="Variable">The variable it overrides, e.g. <c>FLASK_GATE_TOLERANCE</c>.</param>
/// <param name="Option">The option that gave it, e.g. <c>--tolerance</c>, named in an error about it.</param>
/// <param name="Value">The value given; null when the option was not given.</param>
internal sealed record SettingOverride(string Variable, string Option, string? Value);
