using System.CommandLine;
using Flask.Testing;

namespace Flask.Cli.Commands;

/// <summary>The <c>--prices</c> option bench and report share: a price file over <c>FLASK_PRICES</c> (docs/cli.md, "Cost").</summary>
internal static class CliPrices
{
    public static Option<string?> Option() => new("--prices") { Description = "A JSON price file that adds to or overrides the judge model prices shipped (default: FLASK_PRICES; docs/cli.md, \"Cost\")." };

    /// <summary>The option's value as the override of <c>FLASK_PRICES</c>, for the command's one settings read.</summary>
    public static SettingOverride Override(ParseResult parse, Option<string?> option) => new(FlaskSettings.PricesVariable, option.Name, parse.GetValue(option));
}
