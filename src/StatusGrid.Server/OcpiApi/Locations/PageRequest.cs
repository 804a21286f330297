using System.Globalization;
using StatusGrid.Ocpi;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.OcpiApi.Locations;

/// <summary>The pagination parameters of a GET list: offset, limit (capped at the server maximum), date_from, date_to.</summary>
public sealed record PageRequest(int Offset, int Limit, DateTimeOffset? DateFrom, DateTimeOffset? DateTo)
{
    /// <summary>
    /// Reads the query; <paramref name="error"/> names the offending parameter (answered with OCPI 2001) and quotes a
    /// short prefix of its value.
    /// </summary>
    public static bool TryRead(PageQuery query, int maxLimit, out PageRequest page, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        page = new PageRequest(0, maxLimit, null, null);
        if (!TryInt(query.Offset, "offset", 0, out var offset, out error) || !TryInt(query.Limit, "limit", maxLimit, out var limit, out error)
            || !TryDate(query.DateFrom, "date_from", out var from, out error) || !TryDate(query.DateTo, "date_to", out var to, out error))
        {
            return false;
        }

        // A client asking for more than the server allows gets the maximum (announced in X-Limit), not an error.
        page = new PageRequest(offset, Math.Min(limit, maxLimit), from, to);
        return true;
    }

    private static bool TryInt(string? text, string name, int fallback, out int value, out string? error)
    {
        value = fallback;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = $"'{name}' must be a non-negative integer, but is '{ClientText.Prefix(text)}'";
        return false;
    }

    private static bool TryDate(string? text, string name, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (OcpiDateTime.TryParse(text, out var parsed, out var reason))
        {
            value = parsed;
            return true;
        }

        error = $"'{name}' is not an OCPI DateTime ('{ClientText.Prefix(text)}'): {reason}";
        return false;
    }
}
