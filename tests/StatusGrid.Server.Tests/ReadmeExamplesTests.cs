using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StatusGrid.Server.Tests;

/// <summary>
/// The README's walk-through, run as printed: every <c>curl</c> in the sections below, in order, against a real host
/// with the README's default keys, with its method, URL, headers and body (sample files read from the repository).
/// A README edit that breaks an example, or a sample file that drifts, fails here.
/// </summary>
public sealed class ReadmeExamplesTests
{
    private static readonly string[] Sections = ["## Using it", "## Admin API and operations"];

    [Fact]
    public async Task Every_curl_of_the_walkthrough_succeeds_in_order_and_the_documented_ingest_answer_is_what_comes_back()
    {
        var readme = RepoFiles.Read("README.md");
        var commands = Sections.SelectMany(s => BashBlocks(SectionText(readme, s))).SelectMany(ReadmeShell.Commands)
            .Where(c => c.Count > 0 && c[0] == "curl").ToList();
        Assert.True(commands.Count >= 10, $"only {commands.Count} curl examples found");

        // As README's quick start runs it: `dotnet run` starts in Development (launchSettings.json), the only
        // environment where the default keys are accepted.
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["StatusGrid:Auth:AdminApiKey"] = "change-me-admin",
            ["StatusGrid:Auth:IngestApiKey"] = "change-me-ingest",
        });
        using var http = new HttpClient();
        string? ingestAnswer = null;
        foreach (var command in commands)
        {
            var curl = Curl.Parse(command, host.BaseAddress);
            using var response = await http.SendAsync(curl.ToRequest());
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{string.Join(' ', command)}\n→ {(int)response.StatusCode} {body}");
            if (curl.Url.AbsolutePath == "/api/status")
            {
                ingestAnswer ??= body;
            }
        }

        var documented = SectionText(readme, "## Using it").Split("```json", 2)[1].Split("```", 2)[0];
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(documented)), JsonSerializer.Serialize(JsonDocument.Parse(ingestAnswer!)));
    }

    private static string SectionText(string readme, string heading)
    {
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        var next = readme.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return next < 0 ? readme[start..] : readme[start..next];
    }

    private static IEnumerable<string> BashBlocks(string text)
    {
        var parts = text.Split("```bash\n");
        return parts.Skip(1).Select(p => p.Split("```", 2)[0]);
    }

    private sealed record Curl(string Method, Uri Url, List<(string Name, string Value)> Headers, byte[]? Body)
    {
        public static Curl Parse(List<string> words, Uri host)
        {
            string? method = null;
            Uri? url = null;
            byte[]? body = null;
            var headers = new List<(string, string)>();
            for (var i = 1; i < words.Count; i++)
            {
                switch (words[i])
                {
                    case "-X":
                        method = words[++i];
                        break;
                    case "-H":
                        var header = words[++i].Split(':', 2);
                        headers.Add((header[0].Trim(), header[1].Trim()));
                        break;
                    case "-d" or "--data" or "--data-binary":
                        var data = words[++i];
                        body = data.StartsWith('@') ? File.ReadAllBytes(RepoFiles.PathOf(data[1..])) : Encoding.UTF8.GetBytes(data);
                        break;
                    case "-s" or "-i" or "-si" or "-f" or "-sf":
                        break;
                    case var word when word.StartsWith("http://localhost:5080", StringComparison.Ordinal):
                        url = new Uri(host, word["http://localhost:5080".Length..]);
                        break;
                    default:
                        throw new InvalidOperationException($"README curl option not understood by this test: '{words[i]}' in {string.Join(' ', words)}");
                }
            }

            return new Curl(method ?? (body is null ? "GET" : "POST"), url ?? throw new InvalidOperationException("curl without a localhost:5080 URL"), headers, body);
        }

        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
            }

            foreach (var (name, value) in Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return request;
        }
    }
}

/// <summary>Just enough of sh to split the README's examples: quotes, backslash-newline, comments, one command per line.</summary>
internal static class ReadmeShell
{
    public static IEnumerable<List<string>> Commands(string script)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            if (c == '\\' && i + 1 < script.Length && script[i + 1] == '\n')
            {
                i++;
                continue;
            }

            if (c is '\'' or '"')
            {
                var end = script.IndexOf(c, i + 1);
                word.Append(script, i + 1, end - i - 1);
                inWord = true;
                i = end;
                continue;
            }

            if (c == '#' && !inWord)
            {
                while (i + 1 < script.Length && script[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (c == '\n' && words.Count > 0)
                {
                    yield return words;
                    words = [];
                }

                continue;
            }

            word.Append(c);
            inWord = true;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        if (words.Count > 0)
        {
            yield return words;
        }
    }
}
