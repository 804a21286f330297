using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>The reconnect shortcut never lets in what a full PBKDF2 check would refuse.</summary>
public sealed class VerifiedPasswordsTests
{
    [Fact]
    public void A_remembered_station_still_needs_its_password_and_a_wrong_one_is_never_remembered()
    {
        var passwords = new VerifiedPasswords();
        string[] stored = [OcppPassword.Hash("station-secret-0001"u8)];

        Assert.False(passwords.Verify("CP-1", "station-secret-0002"u8, stored));
        Assert.Equal(0, passwords.Count);
        Assert.True(passwords.Verify("CP-1", "station-secret-0001"u8, stored));
        Assert.Equal(1, passwords.Count);
        Assert.True(passwords.Verify("CP-1", "station-secret-0001"u8, stored));
        Assert.False(passwords.Verify("CP-1", "station-secret-0002"u8, stored));
        Assert.False(passwords.Verify("CP-2", "station-secret-0001"u8, [OcppPassword.Hash("another-secret-0002"u8)]));
    }

    [Fact]
    public void A_changed_password_stops_the_old_one_at_once()
    {
        var passwords = new VerifiedPasswords();
        Assert.True(passwords.Verify("CP-1", "station-secret-0001"u8, [OcppPassword.Hash("station-secret-0001"u8)]));

        string[] changed = [OcppPassword.Hash("station-secret-NEW1"u8)];
        Assert.False(passwords.Verify("CP-1", "station-secret-0001"u8, changed));
        Assert.True(passwords.Verify("CP-1", "station-secret-NEW1"u8, changed));

        passwords.Forget("CP-1");
        Assert.Equal(0, passwords.Count);
    }
}
