namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>Exercises persistence and reminders through a real grain, as an application would.</summary>
public sealed class ContractGrain(
    [PersistentState(OrleansHarness.StateName, OrleansHarness.Storage)] IPersistentState<ContractState> state)
    : Grain, IContractGrain, IRemindable
{
    public Task WriteAsync(string value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<string?> ReadAsync() => Task.FromResult(state.State.Value);

    public Task RegisterReminderAsync(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task UnregisterReminderAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
