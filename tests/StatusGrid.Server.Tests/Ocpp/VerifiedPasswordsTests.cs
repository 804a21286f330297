using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>The reconnect shortcut never lets in what a full PBKDF2 check would refuse.</summary>
public sealed class VerifiedPasswordsTests
{
    [Fact]
    public async Task A_remembered_station_still_needs_its_password_and_a_wrong_one_is_never_remembered()
    {
        var passwords = new VerifiedPasswords();
        string[] stored = [OcppPassword.Hash("station-secret-0001"u8.ToArray())];

        Assert.Equal(PasswordCheck.NoMatch, await passwords.VerifyAsync("CP-1", "station-secret-0002"u8.ToArray(), stored));
        Assert.Equal(0, passwords.Count);
        Assert.Equal(PasswordCheck.Match, await passwords.VerifyAsync("CP-1", "station-secret-0001"u8.ToArray(), stored));
        Assert.Equal(1, passwords.Count);
        Assert.Equal(PasswordCheck.Match, await passwords.VerifyAsync("CP-1", "station-secret-0001"u8.ToArray(), stored));
        Assert.Equal(PasswordCheck.NoMatch, await passwords.VerifyAsync("CP-1", "station-secret-0002"u8.ToArray(), stored));
        Assert.Equal(PasswordCheck.NoMatch, await passwords.VerifyAsync("CP-2", "station-secret-0001"u8.ToArray(), [OcppPassword.Hash("another-secret-0002"u8.ToArray())]));
    }

    [Fact]
    public async Task A_changed_password_stops_the_old_one_at_once()
    {
        var passwords = new VerifiedPasswords();
        Assert.Equal(PasswordCheck.Match, await passwords.VerifyAsync("CP-1", "station-secret-0001"u8.ToArray(), [OcppPassword.Hash("station-secret-0001"u8.ToArray())]));

        string[] changed = [OcppPassword.Hash("station-secret-NEW1"u8.ToArray())];
        Assert.Equal(PasswordCheck.NoMatch, await passwords.VerifyAsync("CP-1", "station-secret-0001"u8.ToArray(), changed));
        Assert.Equal(PasswordCheck.Match, await passwords.VerifyAsync("CP-1", "station-secret-NEW1"u8.ToArray(), changed));

        passwords.Forget("CP-1");
        Assert.Equal(0, passwords.Count);
    }

    [Fact]
    public async Task A_right_generated_secret_is_let_in_at_once_while_every_pbkdf2_slot_is_taken_but_a_wrong_one_waits_like_any_other()
    {
        using var slots = new PasswordHashingLimiter(slots: 1, queueLimit: 10);
        var passwords = new VerifiedPasswords(slots);
        var secret = OcppPassword.Generate();
        var fast = OcppPassword.HashesForGenerated(secret);
        string[] slow = [OcppPassword.Hash("station-secret-0001"u8.ToArray())];
        var busy = await slots.EnterAsync(); // every PBKDF2 slot busy, as in a storm of supplied passwords

        var pbkdf2 = passwords.VerifyAsync("CP-SLOW", "station-secret-0001"u8.ToArray(), slow);
        var right = passwords.VerifyAsync("CP-FAST", System.Text.Encoding.UTF8.GetBytes(secret), fast);
        var wrong = passwords.VerifyAsync("CP-FAST", System.Text.Encoding.UTF8.GetBytes(OcppPassword.Generate()), fast);

        // No wait was possible for the right secret: it completed synchronously, without a slot.
        Assert.True(right.IsCompletedSuccessfully);
        Assert.Equal(PasswordCheck.Match, await right);
        // A wrong one pays a PBKDF2 run like a wrong supplied password, so its answer does not reveal how (or
        // whether) the identity's password is stored.
        Assert.False(wrong.IsCompleted);
        Assert.False(pbkdf2.IsCompleted);
        busy!.Dispose();
        Assert.Equal(PasswordCheck.Match, await pbkdf2.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(PasswordCheck.NoMatch, await wrong.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_identity_without_stored_hashes_is_refused_only_after_a_pbkdf2_slot()
    {
        using var slots = new PasswordHashingLimiter(slots: 1, queueLimit: 0);
        var passwords = new VerifiedPasswords(slots);

        using (var busy = await slots.EnterAsync())
        {
            Assert.Equal(PasswordCheck.Busy, await passwords.VerifyAsync("CP-NOBODY", "station-secret-0001"u8.ToArray(), []));
        }

        Assert.Equal(PasswordCheck.NoMatch, await passwords.VerifyAsync("CP-NOBODY", "station-secret-0001"u8.ToArray(), []));
        Assert.Equal(0, passwords.Count);
    }
}
