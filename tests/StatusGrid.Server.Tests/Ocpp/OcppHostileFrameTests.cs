using System.Text.Json;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>Frames a broken or hostile station may send: each gets the CALLERROR the spec names, and the connection lives on.</summary>
[Collection(OcppCollection.Name)]
public sealed class OcppHostileFrameTests(OcppFixture fixture)
{
    private static string[] Error(JsonElement answer)
    {
        Assert.True(answer.TryGetProperty("reply", out var reply), answer.ToString());
        var frame = JsonDocument.Parse(reply.GetString()!).RootElement;
        Assert.Equal(4, frame[0].GetInt32());
        Assert.Equal(5, frame.GetArrayLength());
        return [frame[1].GetString()!, frame[2].GetString()!];
    }

    [Fact]
    public async Task Hostile_frames_on_201_get_the_201_error_codes_and_the_connection_keeps_working()
    {
        await fixture.RegisterAsync("CP201-H", "OCPP-H", evses: """[{"evse_id":1,"location_id":"OCPP-H","evse_uid":"OCPP-H-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-H", OcppFixture.Password, "ocpp2.0.1", strict: false);
        await cp.CallAsync("BootNotification", """{"reason":"PowerUp","chargingStation":{"vendorName":"V","model":"M"}}""");

        Assert.Equal(["-1", "RpcFrameworkError"], Error(await cp.RawAsync("this is not json")));
        Assert.Equal(["-1", "RpcFrameworkError"], Error(await cp.RawAsync("""{"not":"an array"}""")));
        Assert.Equal(["m1", "MessageTypeNotSupported"], Error(await cp.RawAsync("""[9,"m1","Heartbeat",{}]""")));
        Assert.Equal(["m2", "FormatViolation"], Error(await cp.RawAsync("""[2,"m2","Heartbeat","{}"]""")));
        Assert.Equal(["m3", "TypeConstraintViolation"], Error(await cp.RawAsync(
            """[2,"m3","StatusNotification",{"timestamp":"2026-03-01T10:00:00Z","connectorStatus":"Available","evseId":"1","connectorId":1}]""")));
        Assert.Equal(["m4", "OccurrenceConstraintViolation"], Error(await cp.RawAsync(
            """[2,"m4","StatusNotification",{"connectorStatus":"Available","evseId":1,"connectorId":1}]""")));
        Assert.Equal(["m5", "PropertyConstraintViolation"], Error(await cp.RawAsync(
            """[2,"m5","StatusNotification",{"timestamp":"2026-03-01T10:00:00Z","connectorStatus":"Broken","evseId":1,"connectorId":1}]""")));
        Assert.Equal(["m6", "NotImplemented"], Error(await cp.RawAsync("""[2,"m6","Teleport",{}]""")));

        var stray = await cp.RawAsync("""[3,"nobody-asked",{}]""");
        Assert.True(stray.TryGetProperty("timeout", out _), $"a stray CALLRESULT must not be answered: {stray}");
        var alive = await cp.CallAsync("Heartbeat", "{}");
        Assert.True(alive.GetProperty("ok").GetBoolean(), alive.ToString());
    }

    [Fact]
    public async Task Hostile_frames_on_16_get_the_16_spellings_and_an_oversized_frame_closes_with_1009()
    {
        await fixture.RegisterAsync("CP16-H", "OCPP-H16", connectors: """[{"connector_id":1,"location_id":"OCPP-H16","evse_uid":"OCPP-H16-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-H", OcppFixture.Password, "ocpp1.6", strict: false);
        await cp.CallAsync("BootNotification", """{"chargePointVendor":"V","chargePointModel":"M"}""");

        Assert.Equal(["-1", "FormationViolation"], Error(await cp.RawAsync("[2,")));
        Assert.Equal(["m1", "OccurenceConstraintViolation"], Error(await cp.RawAsync("""[2,"m1","StatusNotification",{"connectorId":1,"status":"Available"}]""")));
        Assert.Equal(["m2", "PropertyConstraintViolation"], Error(await cp.RawAsync("""[2,"m2","StatusNotification",{"connectorId":1,"errorCode":"Error","status":"Available"}]""")));
        Assert.Equal(["m3", "ProtocolError"], Error(await cp.RawAsync("""[2,"m3","Heartbeat"]""")));
        var ignored = await cp.RawAsync("""[9,"m4","Heartbeat",{}]""");
        Assert.True(ignored.TryGetProperty("timeout", out _), $"1.6 ignores an unknown message type: {ignored}");

        var huge = await cp.RawAsync($$"""[2,"m5","Heartbeat",{"pad":"{{new string('x', 5000)}}"}]""");
        Assert.True(huge.TryGetProperty("closed", out var closed), huge.ToString());
        Assert.Equal(1009, closed.GetProperty("code").GetInt32());
    }
}
