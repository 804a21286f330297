using System.Globalization;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Http;

/// <summary>One page of an admin listing: <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record AdminPage<T>(int Total, int Offset, int Limit, IReadOnlyList<T> Items);

/// <summary>The offset/limit rules every admin listing shares.</summary>
public static class AdminPaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    /// <summary>Adds an error per invalid paging parameter to <paramref name="errors"/>.</summary>
    private static void Check(int? offset, int? limit, List<OcpiValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (offset is < 0)
        {
            errors.Add(new("offset", "Zero or more."));
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new("limit", $"Between 1 and {MaxLimit}."));
        }
    }

    /// <summary>
    /// Reads <c>offset</c> and <c>limit</c> bound as text, so that <c>limit=ten</c> or an offset beyond
    /// <see cref="int"/> gets the same 400 naming the parameter as <c>limit=0</c> does, not the framework's binding
    /// answer. Absent or empty means the default (the first page, <paramref name="defaultLimit"/> items).
    /// </summary>
    public static (int Offset, int Limit) Read(string? offset, string? limit, int defaultLimit, List<OcpiValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var skip = Whole(offset, 0);
        var take = Whole(limit, defaultLimit);
        if (skip is null)
        {
            errors.Add(new("offset", "A whole number, zero or more."));
        }

        if (take is null)
        {
            errors.Add(new("limit", $"A whole number between 1 and {MaxLimit}."));
        }

        Check(skip, take, errors);
        return (skip ?? 0, take ?? defaultLimit);
    }

    private static int? Whole(string? text, int absent) =>
        string.IsNullOrEmpty(text) ? absent
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : null;
}
