using StatusGrid.Server.Http;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// A method a module does not define on a route it serves: HTTP 405 with <c>Allow</c>, in the envelope (OCPI 2000),
/// the message naming the allowed methods. The endpoint names no method, and routing prefers an endpoint that names
/// the request's method, so it answers exactly what the module left out, HEAD, OPTIONS and TRACE included (without it
/// the group's catch-all would answer those 404, as for a path no module serves).
/// </summary>
public static class OcpiMethods
{
    /// <param name="module">The module's route group (its token filter applies here too).</param>
    /// <param name="pattern">A route the module maps.</param>
    /// <param name="allowed">The methods the module maps at <paramref name="pattern"/>: the <c>Allow</c> header.</param>
    /// <param name="hint">Why, or what to do instead, for the message.</param>
    public static RouteHandlerBuilder MapOtherMethods(this RouteGroupBuilder module, string pattern, string[] allowed, string hint)
    {
        var allow = string.Join(", ", allowed);
        return module.Map(pattern, (HttpContext context) => NotAllowed(context, allow, hint));
    }

    /// <summary>
    /// Only <paramref name="methods"/> at <paramref name="pattern"/> answer 405: for a pattern that is no route of its
    /// own but meets pushes meant for a receiver (a GET there stays the catch-all's 404).
    /// </summary>
    public static RouteHandlerBuilder MapMethodsNotAllowed(this RouteGroupBuilder module, string pattern, string[] methods, string[] allowed, string hint)
    {
        var allow = string.Join(", ", allowed);
        return module.MapMethods(pattern, methods, (HttpContext context) => NotAllowed(context, allow, hint));
    }

    private static OcpiError NotAllowed(HttpContext context, string allow, string hint)
    {
        return OcpiResults.MethodNotAllowed(context, $"{context.Request.Method} is not allowed on {ClientText.Prefix(context.Request.Path.ToString(), ClientText.PathLength)} ({hint}); allowed: {allow}", allow);
    }
}
