using System.Text.Json;

namespace StatusGrid.Server.Http;

internal static class RequestBody
{
    /// <summary>
    /// For bodies read as JSON nodes: a property named twice is refused (a JsonException, answered 400), never resolved
    /// by taking one value; a JsonObject holding a duplicate would also throw (a 500) when first read.
    /// </summary>
    public static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
