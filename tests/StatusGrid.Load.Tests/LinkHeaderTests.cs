using System.Text;
using StatusGrid.LoadDriver.Pull;

namespace StatusGrid.Load.Tests;

public sealed class LinkHeaderTests
{
    [Theory]
    [InlineData("""<http://127.0.0.1:5080/ocpi/2.2.1/locations?offset=50&limit=50>; rel="next" """, "http://127.0.0.1:5080/ocpi/2.2.1/locations?offset=50&limit=50")]
    [InlineData("""<http://h/prev?offset=0>; rel="prev", <http://h/next?offset=100>; rel="next" """, "http://h/next?offset=100")]
    [InlineData("<http://h/n>;rel=next", "http://h/n")]
    public void Next_link_is_found(string header, string expected) => Assert.Equal(expected, LinkHeader.Next([header]));

    [Theory]
    [InlineData("""<http://h/prev>; rel="prev" """)]
    [InlineData("garbage")]
    public void No_next_link_ends_the_pull(string header) => Assert.Null(LinkHeader.Next([header]));

    [Fact]
    public void Envelope_gives_status_code_and_page_size()
    {
        Assert.Equal((1000, 2), LocationPull.ReadEnvelope(Encoding.UTF8.GetBytes("""{"data":[{},{}],"status_code":1000,"timestamp":"2026-11-25T10:00:00Z"}""")));
        Assert.Equal((2001, 0), LocationPull.ReadEnvelope(Encoding.UTF8.GetBytes("""{"status_code":2001}""")));
        Assert.Equal((null, 0), LocationPull.ReadEnvelope(Encoding.UTF8.GetBytes("<html>")));
    }
}
