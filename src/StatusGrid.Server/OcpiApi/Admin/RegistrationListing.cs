using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>
/// <c>GET /api/admin/ocpi/registrations?offset=&amp;limit=&amp;q=&amp;status=</c>: every registration, pending
/// invitations included, ordered by partner id; <c>q</c> matches the partner id or name, <c>status</c> is
/// <c>pending</c> or <c>registered</c>. Partners number in the tens or hundreds, so the page is cut in memory.
/// </summary>
public static class RegistrationListing
{
    public static async Task<Results<Ok<AdminPage<RegistrationView>>, ProblemHttpResult>> ListAsync(
        IGrainFactory grains, ClusterReads reads, string? offset = null, string? limit = null, string? q = null, string? status = null)
    {
        var errors = new List<OcpiValidationError>();
        var (skip, take) = AdminPaging.Read(offset, limit, AdminPaging.DefaultLimit, errors);

        OcpiRegistrationStatus? wanted = null;
        if (status is { Length: > 0 })
        {
            // By name only: Enum.TryParse also takes numbers and flag lists ("pending,registered").
            wanted = status.ToLowerInvariant() switch
            {
                "pending" => OcpiRegistrationStatus.Pending,
                "registered" => OcpiRegistrationStatus.Registered,
                _ => null,
            };
            if (wanted is null)
            {
                errors.Add(new("status", "pending or registered."));
            }
        }

        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid listing", errors);
        }

        // Registrations from before the directory existed are still partners (a completed handshake configures one).
        var ids = (await grains.GetGrain<IOcpiRegistrationDirectoryGrain>(0).GetPartnerIds())
            .Union(await grains.GetGrain<IPartnerDirectoryGrain>(0).GetPartnerIds(), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var registrations = await reads.Read(Task.WhenAll(ids.Select(id => grains.GetGrain<IOcpiRegistrationGrain>(id).Get())), "A registration grain");
        var matching = registrations.OfType<OcpiRegistration>()
            .Where(r => wanted is null || r.Status == wanted)
            .Where(r => string.IsNullOrWhiteSpace(q) || r.PartnerId.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)
                || (r.Name?.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
        return TypedResults.Ok(new AdminPage<RegistrationView>(matching.Count, skip, take, [.. matching.Skip(skip).Take(take).Select(RegistrationView.From)]));
    }
}
