namespace StatusGrid.Storage.Tests.OrleansContract;

public interface IContractGrain : IGrainWithStringKey
{
    Task WriteAsync(string value);

    Task ClearAsync();

    Task<string?> ReadAsync();

    Task RegisterReminderAsync(string name);

    Task UnregisterReminderAsync(string name);
}
