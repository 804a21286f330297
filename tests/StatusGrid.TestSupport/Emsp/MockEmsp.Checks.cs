namespace StatusGrid.TestSupport.Emsp;

public sealed partial class MockEmsp
{
    /// <summary>Everything wrong with the pushes received so far, judged against the last handshake.</summary>
    public IReadOnlyList<string> PushProblems()
    {
        if (!Registered || CpoParty is not { } cpo)
        {
            return ["the mock is not registered with a CPO, so pushes cannot be checked"];
        }

        var agreed = new PushChecks.Agreement(TokenItIssued!, Version!, cpo.CountryCode, cpo.PartyId, CountryCode, PartyId);
        return [.. Received.SelectMany(push => PushChecks.Check(push, agreed))];
    }

    /// <summary>Fails with every problem found when any push broke the agreement.</summary>
    public void AssertPushesConform()
    {
        var problems = PushProblems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Pushes that break the OCPI agreement:\n" + string.Join("\n", problems));
        }
    }
}
