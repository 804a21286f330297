namespace StatusGrid.Deployment.Tests;

public sealed class OcppSettingsTests
{
    [Theory]
    [InlineData("StatusGrid:Ocpp:HeartbeatInterval")]
    [InlineData("StatusGrid:Ocpp:OfflineAfterHeartbeats")]
    [InlineData("StatusGrid:Ocpp:MaxFrameBytes")]
    [InlineData("StatusGrid:Ocpp:AllowUnencrypted")]
    public void Every_ocpp_setting_in_the_readme_binds(string key) => Assert.Null(SettingsCatalog.Problem(key));
}
