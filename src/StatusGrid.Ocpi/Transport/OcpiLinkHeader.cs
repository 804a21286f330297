namespace StatusGrid.Ocpi.Transport;

/// <summary>The pagination <c>Link</c> header: <c>&lt;https://...?offset=150&amp;limit=50&gt;; rel="next"</c>.</summary>
public static class OcpiLinkHeader
{
    public static string Next(Uri nextPage)
    {
        ArgumentNullException.ThrowIfNull(nextPage);
        return $"<{nextPage.AbsoluteUri}>; rel=\"next\"";
    }

    /// <summary>Finds the rel="next" target in a Link header value (which may list several links).</summary>
    public static bool TryParseNext(string? headerValue, out Uri? nextPage)
    {
        nextPage = null;
        if (string.IsNullOrEmpty(headerValue))
        {
            return false;
        }

        // Walk "<target>; params, <target>; params" without splitting on commas inside the URL.
        var position = 0;
        while (position < headerValue.Length)
        {
            var open = headerValue.IndexOf('<', position);
            var close = open < 0 ? -1 : headerValue.IndexOf('>', open + 1);
            if (close < 0)
            {
                return false;
            }

            var next = headerValue.IndexOf('<', close + 1);
            var parameters = headerValue[(close + 1)..(next < 0 ? headerValue.Length : next)].Replace(" ", string.Empty, StringComparison.Ordinal);
            if (parameters.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase) || parameters.Contains("rel=next", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.TryCreate(headerValue[(open + 1)..close].Trim(), UriKind.Absolute, out nextPage);
            }

            position = close + 1;
        }

        return false;
    }
}
