namespace StatusGrid.Server.Http;

/// <summary>
/// What an error message may quote of client input (SECURITY.md): a short prefix, never the whole, so an answer never
/// echoes kilobytes a client sent (a query value, a path) back to it or into a log.
/// </summary>
internal static class ClientText
{
    /// <summary>Enough of a value to recognise it.</summary>
    public const int ValueLength = 40;

    /// <summary>Enough of a request path to see which route was meant.</summary>
    public const int PathLength = 100;

    /// <summary>The text itself when short, else its first <paramref name="maxLength"/> characters and an ellipsis.</summary>
    public static string Prefix(string text, int maxLength = ValueLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // A cut between the halves of a surrogate pair would leave a lone surrogate, which is not text.
        var end = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..end] + "…";
    }
}
