using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StatusGrid.Server.Tests;

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string PartnerJson(string locationsUrl, string id = "DE*EMS", string token = "emsp-token") => $$"""
        {"id":"{{id}}","name":"Test eMSP","ocpi_version":"2.2.1","locations_url":"{{locationsUrl}}","token":"{{token}}","country_code":"DE","party_id":"EMS"}
        """;
}
