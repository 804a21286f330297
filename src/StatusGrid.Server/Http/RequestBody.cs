namespace StatusGrid.Server.Http;

internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
