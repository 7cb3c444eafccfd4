using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flask.Testing.Pricing;

/// <summary>
/// Judge model prices (docs/cli.md, section Cost): the table shipped in the package (<c>Pricing/prices.json</c>, dated), extended and
/// overridden by a user's file of the same shape (<c>FLASK_PRICES</c>, <c>bench --prices</c>). A model is found by its
/// exact name, ignoring case, or, for a dated snapshot the table does not list, by its base name (see <see cref="Find"/>):
/// a guessed price for any other similar name would be a made-up number.
/// </summary>
internal sealed partial class PriceTable
{
    private const string Resource = "Flask.Testing.prices.json";

    private readonly Dictionary<string, ModelPrice> _prices;

    private PriceTable(Dictionary<string, ModelPrice> prices, string asOf)
    {
        _prices = prices;
        AsOf = asOf;
    }

    /// <summary>The date of the shipped prices (yyyy-MM-dd).</summary>
    public string AsOf { get; }

    /// <summary>The shipped table, with <paramref name="overrideFile"/>'s models added or replacing the shipped ones when given.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a price table; the one-line message names the file, the place and the shape expected.</exception>
    public static PriceTable Load(string? overrideFile)
    {
        using Stream stream = typeof(PriceTable).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The price table {Resource} is missing from Flask.Testing.");
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        string asOf;
        using (JsonDocument shipped = JsonDocument.Parse(stream))
        {
            asOf = shipped.RootElement.GetProperty("asOf").GetString()!;
            Read(shipped.RootElement, prices, Resource);
        }
        if (overrideFile is not null)
        {
            string path = Path.GetFullPath(overrideFile);
            if (!File.Exists(path))
                throw new FileNotFoundException($"Price file not found: {path} (from {FlaskSettings.PricesVariable} or --prices).", path);
            try
            {
                using JsonDocument user = JsonDocument.Parse(File.ReadAllText(path));
                Read(user.RootElement, prices, path);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path} is not JSON ({e.Message.Split('.')[0]}); {Shape}");
            }
        }
        return new PriceTable(prices, asOf);
    }

    private const string Shape = "a price file is {\"models\": {\"MODEL\": {\"input\": USD per million input tokens, \"output\": USD per million output tokens}}} (docs/cli.md, section Cost).";

    private static void Read(JsonElement root, Dictionary<string, ModelPrice> prices, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out JsonElement models) || models.ValueKind != JsonValueKind.Object)
            throw new FormatException($"{source} has no \"models\" object; {Shape}");
        foreach (JsonProperty model in models.EnumerateObject())
            prices[model.Name.Trim()] = new ModelPrice(Usd(model, "input", source), Usd(model, "output", source));
    }

    private static decimal Usd(JsonProperty model, string side, string source) =>
        model.Value.ValueKind == JsonValueKind.Object && model.Value.TryGetProperty(side, out JsonElement value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal usd) && usd >= 0
            ? usd
            : throw new FormatException($"{source}: model \"{model.Name}\" needs \"{side}\" as a number of US dollars per million tokens, 0 or more; {Shape}");

    /// <summary>
    /// The price of <paramref name="model"/>, or null when the table has none. A dated snapshot the table does not list
    /// (<c>gpt-4o-2024-08-06</c>, the name OpenAI and Azure OpenAI answer a request for <c>gpt-4o</c> with, and so the
    /// name the results record) takes its base model's price, so that a run costs the same whether it is priced by the
    /// configured name (bench) or the recorded one (report, test summary).
    /// </summary>
    public ModelPrice? Find(string model)
    {
        string name = model.Trim();
        if (_prices.TryGetValue(name, out ModelPrice? price))
            return price;
        Match snapshot = SnapshotSuffix().Match(name);
        return snapshot.Success ? _prices.GetValueOrDefault(name[..snapshot.Index]) : null;
    }

    /// <summary>A snapshot's date suffix, "-YYYY-MM-DD", and only that: any other suffix names another model.</summary>
    [GeneratedRegex(@"-[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotSuffix();

    /// <summary>
    /// The cost of a judge's tokens as a reader sees it: "$0.42", or the tokens and "no price for model X" when the
    /// table has no price for it (never a number that was not derived from a price).
    /// </summary>
    public string Describe(string judgeModel, long inputTokens, long outputTokens) =>
        Find(judgeModel) is { } price
            ? Dollars(price.Cost(inputTokens, outputTokens))
            : string.Create(CultureInfo.InvariantCulture, $"{inputTokens:N0} input + {outputTokens:N0} output tokens, no price for model {(judgeModel.Length == 0 ? "(not recorded)" : judgeModel)}");

    /// <summary>US dollars in the invariant culture: cents, or four decimals under a cent so that a small run is not "$0.00".</summary>
    public static string Dollars(decimal usd) =>
        usd is > 0 and < 0.01m ? usd.ToString("$0.0000", CultureInfo.InvariantCulture) : usd.ToString("$#,0.00", CultureInfo.InvariantCulture);

    /// <summary>The names of the models priced, sorted.</summary>
    public IEnumerable<string> Models => _prices.Keys.Order(StringComparer.OrdinalIgnoreCase);
}
