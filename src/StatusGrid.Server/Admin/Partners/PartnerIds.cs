using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>
/// What a partner id may be (the partner and OCPI registration APIs share it), and a route filter that answers a path
/// whose <c>{partnerId}</c> no partner can have before any grain sees it: Orleans refuses a blank grain key, so
/// <c>DELETE /api/admin/partners/%20</c> was a 500.
/// </summary>
internal static class PartnerIds
{
    public const string Rule = "1 to 64 printable ASCII characters, no spaces or '/'.";

    public static bool IsValid(string id) => id.Length is > 0 and <= 64 && !id.Any(c => c < '!' || c > '~' || c == '/');

    /// <summary>A PUT (which would create it) is a 400 naming the id; any other method a 404.</summary>
    public static TBuilder RequireValidPartnerId<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.GetRouteValue("partnerId") is not string id || IsValid(id))
            {
                return await next(context);
            }

            return HttpMethods.IsPut(context.HttpContext.Request.Method)
                ? ValidationProblems.For("Invalid partner id", [new OcpiValidationError("id", "A partner id is " + Rule)])
                : TypedResults.Problem($"No such partner: a partner id is {Rule}", statusCode: StatusCodes.Status404NotFound, title: "Not found"); // no echo of what cannot be an id
        });
        return builder;
    }
}
