namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>Grain state written through the AdoNet providers with the System.Text.Json storage serializer.</summary>
public sealed class ContractState
{
    public string? Value { get; set; }
}
