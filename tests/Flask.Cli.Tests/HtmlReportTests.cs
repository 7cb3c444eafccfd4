using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Issue 15, "The HTML report": the page a team links in a PR, rendered in headless Chromium — the run's facts, the
/// paper's radar, heatmaps, the capped and filterable drill-down, and data that stays inert text whatever it holds.
/// </summary>
public sealed partial class HtmlReportTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-html");

    public void Dispose() => _work.Dispose();

    private static readonly SkillScoreStatus[] Statuses = [SkillScoreStatus.NotApplicable, SkillScoreStatus.JudgeError];

    /// <summary>Results for <paramref name="count"/> instances with FLASK's skills, domains and levels, seeded scores, N/A and judge errors.</summary>
    private static IEnumerable<ScoredResponse> Run(string model, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            Skill[] skills = [.. FlaskSkills.Catalog.OrderBy(_ => random.Next()).Take(3)];
            yield return new ScoredResponse
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                Model = model,
                Instruction = $"Instruction {i}",
                Response = $"Response {i} of {model}",
                Reference = $"Reference {i}",
                Domains = [FlaskLabels.Label(FlaskLabels.Domains[random.Next(FlaskLabels.Domains.Count)])],
                Difficulty = FlaskLabels.Label(FlaskLabels.Difficulties[random.Next(FlaskLabels.Difficulties.Count)]),
                Skills = [.. skills.Select(skill => random.Next(12) switch
                {
                    0 => new ScoredSkill(skill.Id, skill.Name, skill.Ability.Name, SkillScoreStatus.NotApplicable, null, null, true, $"{skill.Name} does not apply", null),
                    1 => new ScoredSkill(skill.Id, skill.Name, skill.Ability.Name, SkillScoreStatus.JudgeError, null, null, false, null, "no score"),
                    _ => new ScoredSkill(skill.Id, skill.Name, skill.Ability.Name, SkillScoreStatus.Scored, random.Next(1, 6), null, true, $"Feedback on {skill.Name} for {i}", null),
                })],
                JudgeModel = "judge-one",
                InputTokens = 1000,
                OutputTokens = 100,
            };
        }
    }

    private string Write(string name, IEnumerable<ScoredResponse> results)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, name);
        File.WriteAllLines(path, results.Select(ResultsJson.ToLine));
        return path;
    }

    private async Task<string> ReportAsync(params string[] arguments)
    {
        string page = Path.Combine(_work, "report.html");
        var report = await Cli.RunAsync(["report", .. arguments, "--format", "html", "--out", page]);
        Assert.True(report.ExitCode == 0, report.Errors);
        return page;
    }

    [Fact]
    public async Task A_run_of_25500_results_renders_with_facts_radar_heatmaps_and_2000_responses_and_says_it_shows_2000()
    {
        Chromium.SkipWhenMissing();
        string[] files = [.. Enumerable.Range(1, 15).Select(m => Write($"model-{m}.jsonl", Run($"model-{m}", 1700, m)))];
        string page = await ReportAsync(files);

        var (dom, log) = await Chromium.DumpDomAsync(page, _work);
        await Chromium.ScreenshotAsync(page, _work, "report-top");

        Assert.Empty(Chromium.ConsoleMessages(log));
        // The radar as in the paper: rings labelled 1 to 5, an axis label per skill, a polygon per model, a legend.
        Assert.Equal(["1", "2", "3", "4", "5"], RingLabels().Matches(dom).Select(m => m.Groups[1].Value));
        Assert.Equal(12, Count(dom, "class=\"axis-label\""));
        Assert.Equal(15, Count(dom, "<polygon class=\"model\""));
        Assert.Contains("model-15</span>", dom);
        // Heatmaps, not tables of rows: skill × difficulty has one table per model, a row per skill.
        Assert.Equal(15, Count(dom, "<table class=\"heatmap skill-difficulty\""));
        Assert.Contains("<table class=\"heatmap domains\"", dom);
        // The run's facts.
        Assert.Equal(15, Count(dom, "<th>Results file</th>"));
        Assert.Contains("1700 results, written ", dom);
        Assert.Contains("<td>judge-one</td><td>1700</td>", dom);
        Assert.Contains("<td>1,700,000</td><td>170,000</td>", dom);                  // tokens
        Assert.Contains("<td class=\"cost\">1,700,000 input + 170,000 output tokens, no price for model judge-one</td>", dom); // no price: tokens only
        Assert.Contains("<th>Tool</th><td>dotnet flask ", dom);
        // The drill-down: capped, and saying so; every row in the DOM is shown (no filter chosen).
        Assert.Equal(15 * (2000 / 15), Count(dom, "<details class=\"response\""));
        Assert.Contains("The first 133 responses of each model, in file order: 1995 of 25500", dom);
        Assert.Contains("<output id=\"shown\">1995</output>", dom);
        Assert.Empty(Hidden().Matches(dom));
    }

    [Fact]
    public async Task Filters_preset_from_the_address_show_exactly_the_matching_responses()
    {
        Chromium.SkipWhenMissing();
        ScoredResponse[] results = [.. Run("m", 300, 42)];
        string page = await ReportAsync(Write("m.jsonl", results));
        int bySkillAndStatus = results.Count(r => r.Skills.Any(s => s.Id == "Factuality" && s.Status == SkillScoreStatus.JudgeError));
        int byDomainAndLevel = results.Count(r => r.Domains.Contains("Coding") && r.Difficulty == "expert level knowledge");
        Assert.True(bySkillAndStatus > 0 && byDomainAndLevel > 0, "the seed gives matches");

        var (skillAndStatus, log) = await Chromium.DumpDomAsync(page, _work, "#skill=Factuality&status=judge-error");
        var (domainAndLevel, log2) = await Chromium.DumpDomAsync(page, _work, "#domain=Coding&difficulty=5");

        Assert.Empty(Chromium.ConsoleMessages(log + log2));                       // the script ran: its hash is in the CSP
        Assert.Contains($"<output id=\"shown\">{bySkillAndStatus}</output>", skillAndStatus);
        Assert.Equal(300 - bySkillAndStatus, Hidden().Matches(skillAndStatus).Count);
        Assert.Contains($"<output id=\"shown\">{byDomainAndLevel}</output>", domainAndLevel);
        Assert.Equal(300 - byDomainAndLevel, Hidden().Matches(domainAndLevel).Count);
    }

    /// <summary>Markup that would act if any of it reached the page as HTML: scripts, handlers, links, breakouts.</summary>
    private static readonly string[] Hostile =
    [
        "<script>document.title='pwned'</script>",
        "<img src=x onerror=\"document.title='pwned'\">",
        "<a id=\"evil\" href=\"javascript:document.title='pwned'\">click</a>",
        "</pre></td></tr></table></div></details></section><script>document.title='pwned'</script>",
        "\"><svg onload=\"document.title='pwned'\"></svg><p x=\"",
        "'><iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe>",
        "</textarea></style></title><body onload=\"document.title='pwned'\">",
        "<!-- --><meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='pwned'\">",
    ];

    [Fact]
    public async Task Hostile_text_in_every_field_stays_inert_text_and_the_page_keeps_its_structure()
    {
        Chromium.SkipWhenMissing();
        var random = new Random(1515);
        string Evil() => Hostile[random.Next(Hostile.Length)] + Hostile[random.Next(Hostile.Length)];
        ScoredResponse[] results = [.. Run("m", 40, 7).Select((r, i) => r with
        {
            Id = i.ToString(CultureInfo.InvariantCulture) + Evil(),
            Model = "<b id=\"evil-model\">m</b>",
            Instruction = Evil(),
            Response = Evil(),
            Reference = Evil(),
            Review = Evil(),
            Domains = [Evil()],
            JudgeModel = Evil(),
            Skills = [.. r.Skills.Select(s => s with { Feedback = s.Feedback is null ? null : Evil(), Error = s.Error is null ? null : Evil(), Score = s.Score is null ? null : 1 })],
        })];
        string page = await ReportAsync(Write("hostile.jsonl", results));

        var (dom, log) = await Chromium.DumpDomAsync(page, _work, "#model=" + Uri.EscapeDataString("<b id=\"evil-model\">m</b>"));
        await Chromium.ScreenshotAsync(page, _work, "report-hostile-whole-page", height: 9000);

        Assert.Empty(Chromium.ConsoleMessages(log));                              // nothing blocked by the CSP: nothing tried to run
        Assert.Contains("<title>FLASK report</title>", dom);
        foreach (string element in new[] { "<img", "<iframe", "<svg onload", "<a id=\"evil\"", "<b id=\"evil-model\"", "<body onload", "<meta http-equiv=\"refresh\"" })
            Assert.DoesNotContain(element, dom);
        Assert.Equal(1, Count(dom, "<script>"));                                 // the report's own, nothing more
        Assert.Equal(40, Count(dom, "<details class=\"response\""));          // no row broke out of its element
        Assert.Equal(40 + 5, Count(dom, "<h4>Reference answer</h4>"));          // and the five lowest
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom);
        Assert.Contains("<output id=\"shown\">40</output>", dom);              // the hostile model name filters like any other
    }

    [Fact]
    public async Task The_cap_is_an_option_zero_lists_no_response_and_a_negative_one_is_a_usage_error()
    {
        string run = Write("m.jsonl", Run("m", 50, 3));
        string page = Path.Combine(_work, "report.html");

        var some = await Cli.RunAsync(["report", run, "--format", "html", "--out", page, "--max-responses", "20"]);
        string twenty = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
        var none = await Cli.RunAsync(["report", run, "--format", "html", "--out", page, "--max-responses", "0"]);
        string zero = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
        var negative = await Cli.RunAsync(["report", run, "--format", "html", "--out", page, "--max-responses", "-1"]);

        Assert.Equal((0, 0, 2), (some.ExitCode, none.ExitCode, negative.ExitCode));
        Assert.Equal(20, Count(twenty, "<details class=\"response\""));
        Assert.Contains("The first 20 responses of each model, in file order: 20 of 50", twenty);
        Assert.Equal(0, Count(zero, "<details class=\"response\""));
        Assert.DoesNotContain("<script>", zero);
        Assert.Contains("--max-responses must be 0 or more.", negative.Errors);
    }

    [Fact]
    public async Task The_page_allows_exactly_its_own_script_by_hash_and_fetches_nothing()
    {
        string page = await ReportAsync(Write("m.jsonl", Run("m", 10, 4)));
        string html = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);

        string policy = Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
        string script = Assert.Single(Regex.Matches(html, "<script>(.*?)</script>", RegexOptions.Singleline)).Groups[1].Value;
        string hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        Assert.Equal($"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'", policy);
        Assert.DoesNotMatch("(src|href)=\"(https?:|//)", html);
        Assert.DoesNotContain("eval(", script);
        Assert.DoesNotContain("innerHTML", script);
    }

    [GeneratedRegex("<text class=\"ring-label\"[^>]*>(\\d)</text>")]
    private static partial Regex RingLabels();

    [GeneratedRegex("<details class=\"response\"[^>]* hidden=\"\"")]
    private static partial Regex Hidden();

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
