using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Http;

internal static class ValidationProblems
{
    /// <summary>400 with every error, each naming the JSON path of the offending field.</summary>
    public static ProblemHttpResult For(string title, IReadOnlyList<OcpiValidationError> errors) =>
        TypedResults.Problem(
            detail: string.Join("; ", errors.Take(20).Select(e => $"{e.Path}: {e.Message}")),
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new FieldError(e.Path, e.Message)).ToArray(),
            });
}

/// <summary>One entry of a validation problem's <c>errors</c>: the JSON path of the field and what is wrong with it.</summary>
public sealed record FieldError(string Path, string Message);
