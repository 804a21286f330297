using StatusGrid.AllocationReport;

namespace StatusGrid.Load.Tests;

public sealed class AllocationSitesTests
{
    [Fact]
    public void An_async_method_is_named_by_its_type_and_method_without_the_state_machine()
    {
        Assert.Equal("StatusGrid.Ocpi.Transport.OcpiTransport.ReadBoundedAsync",
            AllocationSites.Shorten("StatusGrid.Ocpi.Transport.OcpiTransport+<ReadBoundedAsync>d__7.MoveNext()"));
        Assert.Equal("System.Guid.ToString",
            AllocationSites.Shorten("System.Guid.ToString(class System.String,class System.IFormatProvider)"));
        Assert.Equal("", AllocationSites.Shorten(null));
    }

    [Fact]
    public void A_site_is_the_allocating_frame_and_the_nearest_frame_of_our_code()
    {
        Assert.Equal("System.Guid.ToString ← StatusGrid.Ocpi.Transport.OcpiMessageId.New", AllocationSites.Site([
            "System.Guid.ToString(class System.String,class System.IFormatProvider)",
            "", // an unresolved frame
            "StatusGrid.Ocpi.Transport.OcpiMessageId.New()",
            "StatusGrid.Ocpi.Transport.OcpiTransport.BuildRequest(class StatusGrid.Ocpi.Transport.OcpiOutboundRequest)",
        ]));
    }

    [Fact]
    public void Our_own_allocating_frame_is_named_once_and_a_stack_without_our_code_keeps_its_top_frame()
    {
        Assert.Equal("StatusGrid.Ocpi.Transport.OcpiTransport.BuildRequest", AllocationSites.Site([
            "StatusGrid.Ocpi.Transport.OcpiTransport.BuildRequest(class StatusGrid.Ocpi.Transport.OcpiOutboundRequest)",
            "StatusGrid.Ocpi.Transport.OcpiTransport+<SendAsync>d__2.MoveNext()",
        ]));
        Assert.Equal("System.Threading.TimerQueue.FireNextTimers", AllocationSites.Site([
            null, "System.Threading.TimerQueue.FireNextTimers()", "System.Threading.ThreadPoolWorkQueue.Dispatch()",
        ]));
        Assert.Equal("(no stack)", AllocationSites.Site([]));
    }
}
