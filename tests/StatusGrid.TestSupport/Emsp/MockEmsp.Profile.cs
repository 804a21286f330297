using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>What the mock is (settable before a handshake) and what a handshake agreed.</summary>
public sealed partial class MockEmsp
{
    public static readonly string[] AllVersions = ["2.1.1", "2.2.1", "2.3.0"];

    /// <summary>The versions the mock speaks, listed by its versions endpoint.</summary>
    public IReadOnlyList<string> Versions { get; set; } = ["2.1.1", "2.2.1"];

    public string CountryCode { get; set; } = "DE";

    public string PartyId { get; set; } = "EMS";

    /// <summary>
    /// Acts as a roaming hub: <see cref="CountryCode"/>/<see cref="PartyId"/> are then the hub's; 2.2.1 credentials
    /// list it as role HUB, 2.3.0 credentials name it in hub_party_id and list an eMSP behind it (FR/EMP).
    /// </summary>
    public bool Hub { get; set; }

    /// <summary>Whether the version details list a Locations receiver (false: a pull-only partner).</summary>
    public bool ExposeLocationsReceiver { get; set; } = true;

    /// <summary>Whether the version details list a credentials endpoint (false: a CPO must refuse with 3003).</summary>
    public bool ExposeCredentials { get; set; } = true;

    /// <summary>When set, the versions endpoint answers with this HTTP status (a partner that is down: 3001).</summary>
    public int? VersionsFailure { get; set; }

    /// <summary>Path (e.g. "/ocpi/emsp/versions") → body served verbatim instead of the mock's own answer.</summary>
    public Dictionary<string, string> RawBodies { get; } = new(StringComparer.Ordinal);

    /// <summary>The token a CPO must present when calling the mock (token A, then the token of the handshake).</summary>
    public string? TokenItIssued { get; private set; }

    /// <summary>The token the mock presents when calling the CPO.</summary>
    public string? TokenToCpo { get; private set; }

    /// <summary>The version agreed by the last handshake.</summary>
    public string? Version { get; private set; }

    public string? CpoVersionsUrl { get; private set; }

    public string? CpoCredentialsUrl { get; private set; }

    /// <summary>The CPO's Locations sender endpoint.</summary>
    public string? CpoLocationsUrl { get; private set; }

    /// <summary>The CPO's party from its credentials: the owner in push URLs and OCPI-from-* headers.</summary>
    public (string CountryCode, string PartyId)? CpoParty { get; private set; }

    public bool Registered => Version is not null && TokenToCpo is not null && TokenItIssued is not null;

    /// <summary>A token A for a CPO that is to register with the mock.</summary>
    public string IssueTokenA() => TokenItIssued = NewToken();

    /// <summary>Header value for <paramref name="token"/>: raw for 2.1.1, Base64 from 2.2 on.</summary>
    public static string Header(string token, string? version) =>
        "Token " + (version == "2.1.1" ? token : Convert.ToBase64String(Encoding.UTF8.GetBytes(token)));

    private static string NewToken() => "emsp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static int Rank(string version) => Array.IndexOf(AllVersions, version);
}
