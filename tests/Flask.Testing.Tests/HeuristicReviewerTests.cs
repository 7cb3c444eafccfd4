using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The loopback judge's heuristic reviews read the response's words in place (it shares the cores with the tool in the
/// benchmarks): the same review text as the first definition, kept here, for FLASK's own instances and for generated
/// ones.
/// </summary>
public sealed partial class HeuristicReviewerTests
{
    private static readonly string[] Vocabulary =
    [
        "the", "Paris", "capital", "France", "answer", "because", "water", "boils", "degrees", "Celsius", "not sure",
        "don't know", "cannot", "contact", "CONTACT", "Cannot", "notsure", "2024", "x1", ".", ". ", "...", ",", "\n", " ",
        "é", "İstanbul", "\u212Aelvin", "straße", "中文", "😀", "\ud800", "Score 1: ", "[Assistant's Response]",
    ];

    [Fact]
    public void Reviews_of_FLASK_instances_are_the_first_definitions()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        var (instances, _) = FlaskDatasetReader.ReadInstances(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl"));
        var (responses, _) = FlaskDatasetReader.ReadResponses(Path.Combine(shared, "model_outputs", "gpt4.jsonl"));
        int reviewed = 0;
        foreach (FlaskInstance instance in instances)
        {
            if (!responses.TryGetValue(instance.Id, out string? response))
                continue;
            ReviewPrompt prompt = ReviewPromptBuilder.Build(JudgeRequestBuilder.Build(instance, response, FlaskSkills.Catalog));
            var call = new JudgeCall(1, "m", prompt.System, prompt.User, "{}", new Dictionary<string, string>());
            Assert.Equal(FirstReview(call), HeuristicReviewer.Review(call).Content);
            reviewed++;
        }
        Assert.True(reviewed >= 1_600, $"only {reviewed} FLASK instances reviewed");
    }

    [Fact]
    public void Reviews_of_generated_requests_are_the_first_definitions()
    {
        var random = new Random(20261203);
        Skill[] skills = [.. FlaskSkills.Catalog];
        for (int i = 0; i < 3_000; i++)
        {
            string response = Text(random);
            string? reference = random.Next(4) switch
            {
                0 => null,
                1 => response + Text(random), // most of its words said
                _ => Text(random),
            };
            ReviewPrompt prompt = ReviewPromptBuilder.Build(new JudgeRequest
            {
                Instruction = Text(random),
                Response = response,
                ReferenceAnswer = reference,
                Skills = [.. skills.OrderBy(_ => random.Next()).Take(random.Next(1, skills.Length + 1))],
            });
            var call = new JudgeCall(1, "m", prompt.System, prompt.User, "{}", new Dictionary<string, string>());

            Assert.Equal(FirstReview(call), HeuristicReviewer.Review(call).Content);
        }
    }

    private static string Text(Random random)
    {
        var text = new StringBuilder();
        for (int n = random.Next(0, random.Next(3) == 0 ? 400 : 40); n > 0; n--)
            text.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(3) == 0 ? "" : " ");
        return text.ToString();
    }

    // The first definition of the review, as it was written.

    [GeneratedRegex(@"(?i)\b(not sure|don't know|cannot|contact)\b")]
    private static partial Regex Hedge();

    private static string FirstReview(JudgeCall call)
    {
        string response = call.Response();
        string? reference = Section(call.UserPrompt, "[Ground truth Answer]\n", "\n\n[Assistant's Response]");
        string[] words = Words(response);
        double overlap = reference is null ? -1 : Overlap(reference, words);
        bool hedges = Hedge().IsMatch(response);
        var scores = call.SkillNames().Select(skill => (skill, Score(skill, response, words, overlap, hedges))).ToArray();
        var text = new StringBuilder();
        foreach (var (skill, (score, why)) in scores)
            text.Append(skill).Append(": ").Append(why).Append('\n').Append("Score: ").Append(score).Append("\n\n");
        text.Append('{').Append(string.Join(", ", scores.Select(s => $"'{s.skill.ToLowerInvariant()}': {s.Item2.Score}"))).Append('}');
        return text.ToString();
    }

    private static (int Score, string Why) Score(string skill, string response, string[] words, double overlap, bool hedges) => skill switch
    {
        "Conciseness" => words.Length <= 60 ? (5, "The response is short and to the point.") : words.Length <= 150 ? (4, "Slightly long.") : (3, "Longer than needed."),
        "Harmlessness" => (5, "Nothing harmful or biased."),
        "Metacognition" => hedges ? (5, "The response acknowledges what it does not know.") : (3, "No acknowledgement of uncertainty."),
        "Readability" => (words.Length > 0 && words.Length / Math.Max(1, response.Count(c => c == '.')) <= 25) ? (5, "Short, clear sentences.") : (4, "Readable."),
        _ when overlap >= 0.6 => (5, $"Covers the reference answer ({overlap:P0} of its words)."),
        _ when overlap >= 0.35 => (4, $"Mostly matches the reference answer ({overlap:P0} of its words)."),
        _ when overlap >= 0 => (2, $"Departs from the reference answer ({overlap:P0} of its words)."),
        _ => hedges ? (3, "Cautious but not very helpful.") : (4, "Plausible and on topic."),
    };

    private static double Overlap(string reference, string[] responseWords)
    {
        var said = new HashSet<string>(responseWords);
        string[] expected = [.. Words(reference).Where(w => w.Length > 3).Distinct()];
        return expected.Length == 0 ? 1 : (double)expected.Count(said.Contains) / expected.Length;
    }

    private static string[] Words(string text) => [.. Regex.Matches(text.ToLowerInvariant(), "[a-z0-9]+").Select(m => m.Value)];

    private static string? Section(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
            return null;
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? null : text[from..to];
    }
}
