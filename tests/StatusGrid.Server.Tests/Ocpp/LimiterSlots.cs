using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

internal static class LimiterSlots
{
    /// <summary>Takes every PBKDF2 slot, as a flood of wrong passwords would; dispose them to free the limiter.</summary>
    public static async Task<List<IDisposable>> TakeEverySlotAsync(this PasswordHashingLimiter limiter)
    {
        var slots = new List<IDisposable>();
        for (var i = 0; i < limiter.Slots; i++)
        {
            slots.Add(await limiter.EnterAsync() ?? throw new InvalidOperationException("a slot was busy before the test"));
        }

        return slots;
    }
}
