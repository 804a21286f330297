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
    public static void Check(int? offset, int? limit, List<OcpiValidationError> errors)
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
}
