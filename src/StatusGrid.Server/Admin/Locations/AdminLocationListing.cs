using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;
using StatusGrid.Storage;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>
/// <c>GET /api/admin/locations?offset=&amp;limit=&amp;q=</c>: the operator's paged list of its Locations, in insertion
/// order, optionally narrowed to those whose id, name, address or city contains <c>q</c>. Summaries only; the
/// whole Location (with live statuses) is <c>GET /api/admin/locations/{id}</c>.
/// </summary>
public static class AdminLocationListing
{
    public static async Task<Results<Ok<AdminPage<LocationSummary>>, ProblemHttpResult>> ListAsync(
        ILocationStore store, CancellationToken ct, string? offset = null, string? limit = null, string? q = null)
    {
        var errors = new List<OcpiValidationError>();
        var (skip, take) = AdminPaging.Read(offset, limit, AdminPaging.DefaultLimit, errors);

        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid paging", errors);
        }

        var query = new LocationQuery(skip, take) { Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim() };
        var page = await store.QueryAsync(query, ct);
        return TypedResults.Ok(new AdminPage<LocationSummary>(page.TotalCount, query.Offset, query.Limit, [.. page.Items.Select(LocationSummary.From)]));
    }
}

/// <summary>A Location in the admin listing. <see cref="LastUpdated"/> is the effective one (EVSE changes included).</summary>
public sealed record LocationSummary(
    string Id,
    string CountryCode,
    string PartyId,
    string Country,
    string? Name,
    string? City,
    bool Publish,
    int Evses,
    DateTimeOffset LastUpdated)
{
    public static LocationSummary From(StoredLocation location)
    {
        using var document = JsonDocument.Parse(location.Json);
        var root = document.RootElement;
        return new LocationSummary(
            location.Id,
            location.CountryCode,
            location.PartyId,
            location.Country,
            Text(root, "name"),
            Text(root, "city"),
            location.Publish,
            root.TryGetProperty("evses", out var evses) && evses.ValueKind == JsonValueKind.Array ? evses.GetArrayLength() : 0,
            location.LastUpdated);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
