namespace StatusGrid.LoadDriver.Pull;

/// <summary>The <c>rel="next"</c> target of an OCPI pagination Link header (<c>Link: &lt;url&gt;; rel="next"</c>).</summary>
internal static class LinkHeader
{
    public static string? Next(IEnumerable<string> headerValues)
    {
        foreach (var value in headerValues)
        {
            // One header may list several links separated by commas; URLs inside <> do not contain ">".
            foreach (var link in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var open = link.IndexOf('<', StringComparison.Ordinal);
                var close = link.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close <= open)
                {
                    continue;
                }

                var parameters = link[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parameters.Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
                {
                    return link[(open + 1)..close];
                }
            }
        }

        return null;
    }
}
