namespace StatusGrid.Server.Tests.Cluster;

/// <summary>Waits for a condition with a bound (never a fixed sleep), failing with what was awaited and the last state.</summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.{(describe is null ? "" : " " + describe())}");
            }

            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan timeout, Func<string>? describe = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, describe);
}
