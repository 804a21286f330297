namespace StatusGrid.Contracts.Partners;

/// <summary>How a partner's pushes are delivered.</summary>
public enum DeliveryMode
{
    /// <summary>
    /// Each EVSE's latest state, coalesced: a newer state replaces an unsent older one, a failed push goes back into
    /// the backlog where a newer state may replace it. What OCPI 2.x asks for ("do not queue") and most peers want.
    /// </summary>
    Latest,

    /// <summary>
    /// Store and forward: every distinct state of an EVSE, in order, retried until 2xx, FIFO per EVSE and across a
    /// Location's PUT and its PATCHes; persisted, with a bounded backlog. What hubs such as Gireve's IOP require.
    /// </summary>
    Ordered,
}
