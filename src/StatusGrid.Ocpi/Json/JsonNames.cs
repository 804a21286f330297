using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace StatusGrid.Ocpi.Json;

/// <summary>
/// A property name repeated within one JSON object. A <see cref="JsonDocument"/> keeps every occurrence and a lookup
/// returns one of them, so the reader would silently pick a value the sender may not have meant (RFC 8259 leaves the
/// meaning open, and readers differ on first or last): client JSON naming a property twice is refused instead.
/// </summary>
public static class JsonNames
{
    // Reused per thread and cleared after each object (no call here nests), so checking a large or escaped object
    // allocates only its names: a bulk import checks every object of every Location.
    [ThreadStatic]
    private static HashSet<string>? t_seen;

    /// <summary>Longer names are quoted by their first this many characters (error answers quote client input shortly).</summary>
    public const int QuotedLength = 64;

    /// <summary>
    /// The first name <paramref name="element"/> repeats among its own properties, cut to <see cref="QuotedLength"/>
    /// characters for quoting; null if none.
    /// </summary>
    /// <param name="element">An object.</param>
    /// <param name="nameNotText">
    /// Set when a name is not text (invalid UTF-8, or an escaped lone surrogate, on which a property lookup throws): the
    /// object cannot be read safely, so callers refuse it.
    /// </param>
    public static string? FirstRepeated(JsonElement element, out bool nameNotText)
    {
        // The common object (an ingest item, a connector) is small and its names plain: compared as raw UTF-8 with
        // the names before it, allocating nothing. An escaped name, or a larger object, is compared decoded.
        nameNotText = false;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (++count > SmallObject || raw.IndexOf((byte)'\\') >= 0)
            {
                return FirstRepeatedByName(element, out nameNotText);
            }

            if (!Utf8.IsValid(raw))
            {
                nameNotText = true;
                return null;
            }

            var index = 0;
            foreach (var earlier in element.EnumerateObject())
            {
                if (++index == count)
                {
                    break;
                }

                if (earlier.NameEquals(raw))
                {
                    return Quotable(property.Name);
                }
            }
        }

        return null;
    }

    /// <summary>Objects with more properties than this are checked through a set of decoded names.</summary>
    private const int SmallObject = 16;

    private static string? FirstRepeatedByName(JsonElement element, out bool nameNotText)
    {
        nameNotText = false;
        var seen = t_seen ??= new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                if (TryName(property) is not { } name)
                {
                    nameNotText = true;
                    return null;
                }

                if (!seen.Add(name))
                {
                    return Quotable(name);
                }
            }

            return null;
        }
        finally
        {
            seen.Clear();
        }
    }

    /// <summary>Null for a name that is not text.</summary>
    private static string? TryName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Quotable(string name)
    {
        if (name.Length <= QuotedLength)
        {
            return name;
        }

        // A cut between the halves of a surrogate pair would leave a lone surrogate, which is not text.
        return name[..(char.IsHighSurrogate(name[QuotedLength - 1]) ? QuotedLength - 1 : QuotedLength)] + "…";
    }
}
