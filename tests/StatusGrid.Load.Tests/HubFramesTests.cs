using System.Text;
using StatusGrid.LoadDriver.Dashboards;

namespace StatusGrid.Load.Tests;

public sealed class HubFramesTests
{
    [Fact]
    public void StatusChanged_invocation_yields_its_items()
    {
        var items = new List<HubItem>();
        var type = HubFrames.Parse(Bytes("""
            {"type":1,"target":"statusChanged","arguments":[[
              {"location_id":"LD-000001","evse_uid":"LD-000001-E1","status":"CHARGING","last_updated":"2026-11-25T10:00:00.123Z"},
              {"location_id":"LD-000002","evse_uid":"LD-000002-E3","status":"AVAILABLE","last_updated":"2026-11-25T10:00:01Z","extra":{"a":[1]}}]]}
            """), items);

        Assert.Equal(HubFrames.Invocation, type);
        Assert.Equal(
            [new HubItem("LD-000001", "LD-000001-E1", "CHARGING", "2026-11-25T10:00:00.123Z"), new HubItem("LD-000002", "LD-000002-E3", "AVAILABLE", "2026-11-25T10:00:01Z")],
            items);
    }

    [Fact]
    public void Arguments_before_target_still_count_and_other_targets_are_ignored()
    {
        var items = new List<HubItem>();
        HubFrames.Parse(Bytes("""{"arguments":[[{"evse_uid":"E1","last_updated":"x"}],"second"],"type":1,"target":"statusChanged"}"""), items);
        Assert.Single(items);

        items.Clear();
        HubFrames.Parse(Bytes("""{"type":1,"target":"somethingElse","arguments":[[{"evse_uid":"E1"}]]}"""), items);
        Assert.Empty(items);
    }

    [Theory]
    [InlineData("{}", 0)]
    [InlineData("""{"type":6}""", HubFrames.Ping)]
    [InlineData("""{"type":7,"error":"Server is shutting down"}""", HubFrames.Close)]
    public void Handshake_ping_and_close_are_recognised(string record, int expected)
    {
        var items = new List<HubItem>();
        Assert.Equal(expected, HubFrames.Parse(Bytes(record), items));
        Assert.Empty(items);
    }

    [Fact]
    public void Client_records_end_with_the_record_separator()
    {
        Assert.Equal("""{"protocol":"json","version":1}""" + "\u001e", Encoding.UTF8.GetString(HubFrames.Handshake));
        Assert.Equal("""{"type":6}""" + "\u001e", Encoding.UTF8.GetString(HubFrames.PingRecord));
        Assert.Equal(new Uri("ws://127.0.0.1:5080/hubs/status"), HubClient.HubUrl(new Uri("http://127.0.0.1:5080")));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
