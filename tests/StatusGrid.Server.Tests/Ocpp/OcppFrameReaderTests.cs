using System.Text;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

public sealed class OcppFrameReaderTests
{
    private static OcppFrame Read(string text, OcppProtocol protocol = OcppProtocol.Ocpp201) =>
        OcppFrameReader.Read(Encoding.UTF8.GetBytes(text), protocol);

    [Fact]
    public void A_call_is_read_with_its_id_action_and_payload()
    {
        var call = Assert.IsType<OcppCall>(Read("""[2,"19223201","Heartbeat",{}]"""));
        Assert.Equal(("19223201", "Heartbeat"), (call.MessageId, call.Action));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, call.Payload.ValueKind);
    }

    [Theory]
    [InlineData("not json", "-1")]
    [InlineData("{\"a\":1}", "-1")]
    [InlineData("[2]", "-1")]
    [InlineData("[2,17,\"Heartbeat\",{}]", "-1")]
    [InlineData("[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}]", "-1")]
    [InlineData("[\"2\",\"a1\",\"Heartbeat\",{}]", "a1")]
    [InlineData("[2,\"a1\",\"Heartbeat\"]", "a1")]
    [InlineData("[2,\"a1\",7,{}]", "a1")]
    public void A_frame_that_is_not_an_rpc_message_is_an_rpc_framework_error_in_201(string text, string id)
    {
        var bad = Assert.IsType<OcppBadFrame>(Read(text));
        Assert.Equal((id, OcppErrorKind.RpcFrameworkError), (bad.MessageId, bad.Kind));
    }

    [Fact]
    public void In_16_an_unreadable_frame_is_a_formation_violation_and_an_incomplete_call_a_protocol_error()
    {
        Assert.Equal(OcppErrorKind.FormationViolation, Assert.IsType<OcppBadFrame>(Read("nope", OcppProtocol.Ocpp16)).Kind);
        Assert.Equal(OcppErrorKind.ProtocolError, Assert.IsType<OcppBadFrame>(Read("""[2,"a1","Heartbeat"]""", OcppProtocol.Ocpp16)).Kind);
    }

    [Theory]
    [InlineData(OcppProtocol.Ocpp16, """[2,"a1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","status":"Faulted"}]""")]
    [InlineData(OcppProtocol.Ocpp201, """[2,"a1","StatusNotification",{"timestamp":"2026-01-01T00:00:00Z","connectorStatus":"Available","connectorStatus":"Faulted","evseId":1,"connectorId":1}]""")]
    public void A_payload_naming_a_property_twice_is_a_format_violation_naming_it(OcppProtocol protocol, string text)
    {
        var bad = Assert.IsType<OcppBadFrame>(Read(text, protocol));

        Assert.Equal(("a1", OcppErrorKind.FormationViolation), (bad.MessageId, bad.Kind));
        Assert.EndsWith("appears more than once in the payload; which value is meant is ambiguous, send it once.", bad.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_is_not_an_object_is_a_format_violation()
    {
        var bad = Assert.IsType<OcppBadFrame>(Read("""[2,"a1","Heartbeat",[]]"""));
        Assert.Equal(OcppErrorKind.FormationViolation, bad.Kind);
        Assert.Equal("FormatViolation", OcppErrors.Code(bad.Kind, OcppProtocol.Ocpp201));
        Assert.Equal("FormationViolation", OcppErrors.Code(bad.Kind, OcppProtocol.Ocpp16));
    }

    [Fact]
    public void An_unknown_message_type_is_message_type_not_supported_in_201_and_ignored_in_16()
    {
        Assert.Equal(OcppErrorKind.MessageTypeNotSupported, Assert.IsType<OcppBadFrame>(Read("""[7,"a1","X",{}]""")).Kind);
        Assert.IsType<OcppIgnoredFrame>(Read("""[7,"a1","X",{}]""", OcppProtocol.Ocpp16));
    }

    [Fact]
    public void Results_and_errors_from_the_station_are_read_for_their_status_or_code_and_never_answered()
    {
        Assert.Equal(new OcppReply(3, "a1"), Read("""[3,"a1",{}]"""));
        Assert.Equal(new OcppReply(3, "a1", Status: "Accepted"), Read("""[3,"a1",{"status":"Accepted"}]"""));
        Assert.Equal(new OcppReply(3, "a1"), Read("""[3,"a1",{"status":7}]"""));
        Assert.Equal(new OcppReply(4, "a1", ErrorCode: "NotImplemented"), Read("""[4,"a1","NotImplemented","",{}]"""));
        Assert.Equal(new OcppReply(4, "a1"), Read("""[4,"a1"]"""));
    }

    [Fact]
    public void Occurrence_is_misspelled_only_in_16()
    {
        Assert.Equal("OccurenceConstraintViolation", OcppErrors.Code(OcppErrorKind.OccurrenceConstraintViolation, OcppProtocol.Ocpp16));
        Assert.Equal("OccurrenceConstraintViolation", OcppErrors.Code(OcppErrorKind.OccurrenceConstraintViolation, OcppProtocol.Ocpp201));
    }

    [Fact]
    public void Each_version_knows_all_of_its_actions()
    {
        Assert.Equal(39, OcppActions.Count(OcppProtocol.Ocpp16));
        Assert.Equal(64, OcppActions.Count(OcppProtocol.Ocpp201));
        Assert.True(OcppActions.IsKnown(OcppProtocol.Ocpp16, "StartTransaction"));
        Assert.False(OcppActions.IsKnown(OcppProtocol.Ocpp201, "StartTransaction"));
    }

    [Fact]
    public void An_error_description_is_cut_to_255_characters()
    {
        var frame = Encoding.UTF8.GetString(OcppFrameWriter.Error("a1", OcppErrorKind.GenericError, new string('x', 400), OcppProtocol.Ocpp201));
        Assert.Equal($"[4,\"a1\",\"GenericError\",\"{new string('x', 255)}\",{{}}]", frame);
    }
}
