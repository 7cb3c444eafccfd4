using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>Whatever a transport or a server writes, a judge failure is one line without the key.</summary>
public sealed class JudgeFailureMessageTests
{
    private const string Key = "sk-gen-9f8e7d6c5b4a";

    // Line breaks C# and terminals honour, controls, look-alikes and plain text, mixed with the key and its parts.
    private static readonly string[] Pieces =
    [
        Key, "Bearer " + Key, Key[..6], Key[6..], "\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029", "\t", "\0", "\u001b[31m",
        "\u200b", " ", "error", "Authorization: ", "{\"error\":", "é", "😀", "[API key]",
    ];

    [Fact]
    public void Generated_causes_become_one_line_without_the_key()
    {
        var messages = new JudgeFailureMessages(new JudgeEndpoint(new Uri("http://127.0.0.1:9/v1/"), "gen-judge", Key), new JudgeResilienceOptions());
        var random = new Random(11_2026);
        for (int i = 0; i < 5000; i++)
        {
            var text = new StringBuilder();
            for (int n = random.Next(0, 12); n > 0; n--)
                text.Append(random.Next(4) == 0 ? (char)random.Next(0, 0x3000) : Pieces[random.Next(Pieces.Length)]);
            var cause = new HttpRequestException(text.ToString());

            JudgeUnavailableException error = messages.After(cause, random.Next(1, 5));

            Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(error.Message, c => char.IsControl(c) || c is '\u2028' or '\u2029' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
            Assert.Equal(error.Message.Trim(), error.Message);
            Assert.StartsWith("The judge gen-judge at http://127.0.0.1:9/v1/ could not be asked after ", error.Message);
            Assert.True(error.InnerException is null || !error.InnerException.ToString().Contains(Key, StringComparison.Ordinal));
            if (!text.ToString().Contains(Key, StringComparison.Ordinal))
                Assert.Same(cause, error.InnerException); // kept for diagnosis when it is clean
        }
    }
}
