namespace StatusGrid.Contracts.Locations;

[GenerateSerializer]
public enum LocationPutOutcome
{
    Created,
    Updated,
    Unchanged,
}
