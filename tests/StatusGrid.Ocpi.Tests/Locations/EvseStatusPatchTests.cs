using System.Buffers;
using System.Text;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests.Locations;

public class EvseStatusPatchTests
{
    private static readonly DateTimeOffset SpecTime = new(2019, 6, 24, 12, 39, 9, TimeSpan.Zero);

    [Fact]
    public void Body_is_exactly_the_spec_example()
    {
        var body = LocationShapes.EvseStatusPatch(EvseStatus.Charging, SpecTime);

        Assert.Equal("{\"status\":\"CHARGING\",\"last_updated\":\"2019-06-24T12:39:09Z\"}"u8.ToArray(), body);
    }

    [Theory]
    [InlineData("2.2.1", "location_patch_example_status.json", EvseStatus.Charging)]
    [InlineData("2.2.1", "location_patch_example_remove_evse.json", EvseStatus.Removed)]
    [InlineData("2.3.0", "location_patch_example_status.json", EvseStatus.Charging)]
    public void Body_means_the_same_as_the_spec_example_files(string folder, string file, EvseStatus status)
    {
        JsonEquivalence.AssertEquivalent(Examples.Read(folder, file), LocationShapes.EvseStatusPatch(status, SpecTime));
    }

    [Fact]
    public void Every_status_is_written_with_its_ocpi_name()
    {
        foreach (var status in Enum.GetValues<EvseStatus>())
        {
            var text = Encoding.UTF8.GetString(LocationShapes.EvseStatusPatch(status, SpecTime));
            var expected = System.Text.Json.JsonSerializer.Serialize(status, OcpiJson.Options);

            Assert.Equal($"{{\"status\":{expected},\"last_updated\":\"2019-06-24T12:39:09Z\"}}", text);
        }
    }

    [Fact]
    public void Milliseconds_and_offsets_follow_the_datetime_rule()
    {
        var local = new DateTimeOffset(2019, 6, 24, 14, 39, 9, 50, TimeSpan.FromHours(2));

        var text = Encoding.UTF8.GetString(LocationShapes.EvseStatusPatch(EvseStatus.OutOfOrder, local));

        Assert.Equal("{\"status\":\"OUTOFORDER\",\"last_updated\":\"2019-06-24T12:39:09.050Z\"}", text);
    }

    [Fact]
    public void Buffer_writer_variant_writes_the_same_bytes()
    {
        var writer = new ArrayBufferWriter<byte>();

        LocationShapes.WriteEvseStatusPatch(EvseStatus.Inoperative, SpecTime.AddMilliseconds(999), writer);

        Assert.Equal(LocationShapes.EvseStatusPatch(EvseStatus.Inoperative, SpecTime.AddMilliseconds(999)), writer.WrittenSpan.ToArray());
        Assert.True(writer.WrittenCount <= LocationShapes.MaxEvseStatusPatchLength);
    }

    [Fact]
    public void Too_small_span_is_reported_and_undefined_status_throws()
    {
        Span<byte> small = stackalloc byte[10];

        Assert.False(LocationShapes.TryWriteEvseStatusPatch(EvseStatus.Available, SpecTime, small, out var written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentOutOfRangeException>(() => LocationShapes.EvseStatusPatch((EvseStatus)99, SpecTime));
    }
}
