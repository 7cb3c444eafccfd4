using System;
using System.Linq;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>An endpoint as shown to a user never holds a query value, a fragment or user info, whatever they are.</summary>
public sealed class EndpointShownTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

    private static string Word(Random random, int min, int max) =>
        new([.. Enumerable.Range(0, random.Next(min, max)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);

    [Fact]
    public void Generated_query_values_fragments_and_user_info_never_appear_in_the_shown_endpoint()
    {
        var random = new Random(20261129);
        for (int i = 0; i < 500; i++)
        {
            string[] secrets = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => "sk" + Word(random, 8, 40))];
            string query = string.Join('&', secrets.Select(s => random.Next(4) == 0 ? s : $"{Word(random, 1, 12)}={s}"));
            string fragment = random.Next(3) == 0 ? "#frag" + Word(random, 8, 20) : string.Empty;
            string url = $"http{(random.Next(2) == 0 ? "s" : string.Empty)}://127.0.0.1:{random.Next(1024, 65535)}/p{Word(random, 1, 8)}/v1/?{query}{fragment}";

            string shown = JudgeEndpoint.Shown(new Uri(url));
            var endpoint = new JudgeEndpoint(new Uri(url), "judge");

            foreach (string secret in secrets.Append(fragment.TrimStart('#')).Where(s => s.Length > 0))
            {
                Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, endpoint.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(secret, JudgeEndpoint.Shown(url), StringComparison.Ordinal);
            }
            Assert.StartsWith(url[..url.IndexOf('?', StringComparison.Ordinal)], shown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://gw.example/openai/v1/?api-key=sk-QUERYSECRET", "https://gw.example/openai/v1/?api-key=***")]
    [InlineData("http://127.0.0.1:1/v1/?sk-QUERYSECRET", "http://127.0.0.1:1/v1/?***")]
    [InlineData("http://127.0.0.1:1/v1/?a=1&key=sk-x#sk-y", "http://127.0.0.1:1/v1/?a=***&key=***#***")]
    [InlineData("http://user:pa55word@127.0.0.1:1/v1", "http://***@127.0.0.1:1/v1")]
    [InlineData("http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1")]
    [InlineData("127.0.0.1:1/v1?api-key=sk-QUERYSECRET", "127.0.0.1:1/v1?***")]
    [InlineData("not a url//user:secret@host/v1", "not a url//***@host/v1")]
    public void An_endpoint_is_shown_without_query_values_and_credentials(string url, string shown) =>
        Assert.Equal(shown, JudgeEndpoint.Shown(url));
}
