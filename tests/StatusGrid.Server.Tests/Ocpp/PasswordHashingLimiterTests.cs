using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A flood of wrong supplied passwords (about 20 ms of PBKDF2 each) may use at most half the cores, and waits in a
/// bounded queue; past it a check is refused at once instead of waiting, so the flood cannot pile up without end.
/// </summary>
public sealed class PasswordHashingLimiterTests
{
    [Fact]
    public async Task With_every_slot_busy_and_the_queue_full_the_next_check_is_refused_at_once()
    {
        using var limiter = new PasswordHashingLimiter(slots: 2, queueLimit: 1);
        var first = await limiter.EnterAsync();
        using var second = await limiter.EnterAsync();
        Assert.NotNull(first);
        Assert.NotNull(second);

        var queued = limiter.EnterAsync();
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, limiter.Queued);

        var refused = limiter.EnterAsync();
        Assert.True(refused.IsCompletedSuccessfully);
        Assert.Null(await refused);

        // A slot freed goes to the check that waited.
        first!.Dispose();
        using var third = await queued.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(third);
    }

    [Fact]
    public void By_default_at_most_half_the_cores_hash_at_once_and_at_least_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), PasswordHashingLimiter.DefaultSlots);
        Assert.InRange(PasswordHashingLimiter.DefaultSlots, 1, Math.Max(1, Environment.ProcessorCount - 1));
    }

    [Fact]
    public async Task A_wrong_supplied_password_is_not_checked_when_the_queue_is_full_but_a_remembered_one_gets_in()
    {
        using var limiter = new PasswordHashingLimiter(slots: 1, queueLimit: 0);
        var passwords = new VerifiedPasswords(limiter);
        string[] stored = [OcppPassword.Hash("station-secret-0001"u8.ToArray())];
        Assert.Equal(PasswordCheck.Match, await passwords.VerifyAsync("CP-1", "station-secret-0001"u8.ToArray(), stored));

        using var busy = await limiter.EnterAsync(); // the only slot, as in a flood; no queue
        var wrong = passwords.VerifyAsync("CP-1", "station-secret-0002"u8.ToArray(), stored);
        var right = passwords.VerifyAsync("CP-1", "station-secret-0001"u8.ToArray(), stored);

        // Neither waited: the wrong one was turned away without a hash, the remembered one needed no slot.
        Assert.True(wrong.IsCompletedSuccessfully);
        Assert.Equal(PasswordCheck.Busy, await wrong);
        Assert.True(right.IsCompletedSuccessfully);
        Assert.Equal(PasswordCheck.Match, await right);
    }
}
