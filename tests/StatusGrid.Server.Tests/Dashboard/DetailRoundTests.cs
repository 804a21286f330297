using System.Text.Json;
using StatusGrid.Server.Dashboard;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class DetailRoundTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static DashboardStatusItem Item(string uid, string status) => new("LOC-1", uid, status, "2026-02-01T10:00:00Z");

    [Fact]
    public void A_client_gets_one_message_with_the_items_of_every_tile_it_shows_and_the_same_json_as_a_list()
    {
        var round = new DetailRound(Json);
        round.Add("d/12/1/1", Item("E1", "CHARGING"));
        round.Add("d/12/2/1", Item("E2", "AVAILABLE"));
        round.Add("d/12/2/1", Item("E3", "OUTOFORDER"));
        round.Add("d/12/9/9", Item("E9", "BLOCKED"));

        var viewers = new Dictionary<string, string[]>
        {
            ["d/12/1/1"] = ["both"],
            ["d/12/2/1"] = ["both", "one"],
            ["d/12/3/1"] = ["both"],
            ["d/12/5/5"] = ["elsewhere"],
        };

        var messages = round.Messages(g => viewers.GetValueOrDefault(g) ?? []).ToList();

        Assert.Equal(["both", "one"], messages.Select(m => m.ConnectionId));
        Assert.Equal(
            JsonSerializer.Serialize(new[] { Item("E1", "CHARGING"), Item("E2", "AVAILABLE"), Item("E3", "OUTOFORDER") }, Json),
            JsonSerializer.Serialize<object>(messages[0].Items, Json));
        Assert.Equal(
            JsonSerializer.Serialize(new[] { Item("E2", "AVAILABLE"), Item("E3", "OUTOFORDER") }, Json),
            JsonSerializer.Serialize<object>(messages[1].Items, Json));
    }

    [Fact]
    public void A_round_without_items_sends_nothing()
    {
        var round = new DetailRound(Json);

        Assert.Empty(round.Messages(_ => ["c1"]));
    }
}
