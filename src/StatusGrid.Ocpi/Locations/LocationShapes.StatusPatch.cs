using System.Buffers;

namespace StatusGrid.Ocpi.Locations;

/// <summary>The EVSE status PATCH body, built without a serializer because it is on the hot path.</summary>
public static partial class LocationShapes
{
    /// <summary>Longest body: <c>{"status":"INOPERATIVE","last_updated":"2019-06-24T12:39:09.123Z"}</c>.</summary>
    public const int MaxEvseStatusPatchLength = 80;

    private static readonly byte[] StatusPrefix = "{\"status\":\""u8.ToArray();
    private static readonly byte[] LastUpdatedPart = "\",\"last_updated\":\""u8.ToArray();
    private static readonly byte[] Suffix = "\"}"u8.ToArray();

    /// <summary>Exactly <c>{"status":"CHARGING","last_updated":"2019-06-24T12:39:09Z"}</c> (UTF-8, one allocation).</summary>
    public static byte[] EvseStatusPatch(EvseStatus status, DateTimeOffset lastUpdated)
    {
        Span<byte> buffer = stackalloc byte[MaxEvseStatusPatchLength];
        TryWriteEvseStatusPatch(status, lastUpdated, buffer, out var written);
        return buffer[..written].ToArray();
    }

    /// <summary>Writes the body into a caller-supplied (e.g. pooled) buffer; no allocation.</summary>
    public static void WriteEvseStatusPatch(EvseStatus status, DateTimeOffset lastUpdated, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(MaxEvseStatusPatchLength);
        TryWriteEvseStatusPatch(status, lastUpdated, span, out var written);
        writer.Advance(written);
    }

    /// <summary>False only when <paramref name="destination"/> is too small; throws for an undefined status.</summary>
    public static bool TryWriteEvseStatusPatch(EvseStatus status, DateTimeOffset lastUpdated, Span<byte> destination, out int bytesWritten)
    {
        var name = EvseStatusNames.Utf8Of(status);
        bytesWritten = 0;
        Span<byte> time = stackalloc byte[OcpiDateTime.MaxFormattedLength];
        OcpiDateTime.TryFormat(lastUpdated, time, out var timeLength);
        var length = StatusPrefix.Length + name.Length + LastUpdatedPart.Length + timeLength + Suffix.Length;
        if (destination.Length < length)
        {
            return false;
        }

        var position = 0;
        Append(destination, ref position, StatusPrefix);
        Append(destination, ref position, name);
        Append(destination, ref position, LastUpdatedPart);
        Append(destination, ref position, time[..timeLength]);
        Append(destination, ref position, Suffix);
        bytesWritten = position;
        return true;
    }

    private static void Append(Span<byte> destination, ref int position, ReadOnlySpan<byte> part)
    {
        part.CopyTo(destination[position..]);
        position += part.Length;
    }
}
