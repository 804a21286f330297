using System.Text;

namespace StatusGrid.Server.Tests.Security;

/// <summary>A blank id in an admin path is a client mistake too: 4xx with a message, never a 500.</summary>
public sealed class BlankIdTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string> Routes()
    {
        // Orleans refuses a blank grain key (ArgumentException), so a blank id in a path became a 500.
        var data = new TheoryData<string, string>();
        foreach (var id in new[] { "%20%20", "%09" })
        {
            data.Add("GET", $"/api/admin/ocpi/registrations/{id}");
            data.Add("DELETE", $"/api/admin/ocpi/registrations/{id}");
            data.Add("POST", $"/api/admin/ocpi/registrations/{id}/refresh");
            data.Add("PUT", $"/api/admin/ocpi/registrations/{id}/filter");
            data.Add("GET", $"/api/admin/partners/{id}");
            data.Add("DELETE", $"/api/admin/partners/{id}");
            data.Add("PUT", $"/api/admin/partners/{id}");
            data.Add("POST", $"/api/admin/partners/{id}/resync");
            data.Add("GET", $"/api/admin/locations/{id}");
            data.Add("PUT", $"/api/admin/locations/{id}");
            data.Add("PATCH", $"/api/admin/locations/{id}");
            data.Add("PUT", $"/api/admin/locations/L-1/{id}");
            data.Add("PATCH", $"/api/admin/locations/L-1/{id}");
            data.Add("PATCH", $"/api/admin/locations/L-1/E-1/{id}");
            data.Add("GET", $"/api/admin/charge-points/{id}");
            data.Add("PUT", $"/api/admin/charge-points/{id}");
            data.Add("DELETE", $"/api/admin/charge-points/{id}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_blank_id_in_an_admin_path_is_a_4xx_with_a_message_not_a_500(string method, string path)
    {
        // Found by load/fuzz/run.sh 30000: DELETE /api/admin/ocpi/registrations/%20%20 answered 500.
        using var admin = fixture.Host.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "PUT" or "PATCH" or "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await admin.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} answered {(int)response.StatusCode}");
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), $"{method} {path}: no message");
    }
}
