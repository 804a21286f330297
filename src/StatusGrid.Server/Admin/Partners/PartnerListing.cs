using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>A partner the listing could not show: its grain did not give its configuration in time.</summary>
public sealed record PartnerUnavailable(string Id, string Reason);

/// <summary>
/// One page of partners, shaped like every admin listing (<see cref="AdminPage{T}"/>), plus the partners of this
/// page whose grains did not answer. <see cref="Total"/> counts both.
/// </summary>
public sealed record PartnerPage(int Total, int Offset, int Limit, IReadOnlyList<PartnerView> Items, IReadOnlyList<PartnerUnavailable> Unavailable);

/// <summary>
/// <c>GET /api/admin/partners?offset=&amp;limit=&amp;q=</c>: partners ordered by id; <c>q</c> matches the id or the
/// name. Partners number in the tens or hundreds, so every configuration is read (each within
/// <see cref="ClusterReads.Timeout"/>) and the page cut in memory; health is read for the page only.
/// </summary>
public static class PartnerListing
{
    public static async Task<Results<Ok<PartnerPage>, ProblemHttpResult>> ListAsync(
        IGrainFactory grains, ClusterReads reads, string? offset = null, string? limit = null, string? q = null)
    {
        var errors = new List<OcpiValidationError>();
        var (skip, take) = AdminPaging.Read(offset, limit, AdminPaging.DefaultLimit, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid listing", errors);
        }

        var ids = await grains.GetGrain<IPartnerDirectoryGrain>(0).GetPartnerIds();
        var read = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select(async id =>
        {
            var (config, busy) = await PartnerView.ReadConfigAsync(grains.GetGrain<IPartnerGrain>(id), reads);
            return (Id: id, Config: config, Busy: busy);
        }));

        // Why a stuck partner is listed rather than failing the whole answer: the operator needs this list most when
        // one partner is in trouble, and the ops view polls it to show every other partner's health.
        var term = q?.Trim();
        var matching = read
            .Where(r => r.Config is not null || r.Busy is not null) // removed between the directory read and its own
            .Where(r => string.IsNullOrEmpty(term) || r.Id.Contains(term, StringComparison.OrdinalIgnoreCase)
                || (r.Config?.Name?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
        var page = matching.Skip(skip).Take(take).ToList();
        var views = await Task.WhenAll(page.Where(r => r.Config is not null)
            .Select(r => PartnerView.ReadAsync(grains.GetGrain<IPartnerGrain>(r.Id), r.Config!, reads)));
        var unavailable = page.Where(r => r.Busy is not null).Select(r => new PartnerUnavailable(r.Id, r.Busy!)).ToList();
        return TypedResults.Ok(new PartnerPage(matching.Count, skip, take, views, unavailable));
    }
}
