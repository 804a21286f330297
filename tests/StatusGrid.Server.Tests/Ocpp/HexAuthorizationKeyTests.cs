using System.Text;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A 1.6 AuthorizationKey configured as hex arrives as its text from some stations and as the bytes it stands for
/// from others. Both must get in, and a check must cost one PBKDF2 run whatever arrives: two runs per wrong password
/// doubled what a flood of guesses costs us.
/// </summary>
public sealed class HexAuthorizationKeyTests
{
    private const string Key = "00112233445566778899aabbccddeeff00112233"; // 40 hex digits: 20 bytes
    private const string WrongKey = "ffeeddccbbaa99887766554433221100ffeeddcc";

    public static TheoryData<string, byte[]> Arrivals => new()
    {
        { "the right text", Encoding.UTF8.GetBytes(Key) },
        { "the right bytes", Convert.FromHexString(Key) },
        { "the right text in capitals", Encoding.UTF8.GetBytes(Key.ToUpperInvariant()) },
        { "a wrong text", Encoding.UTF8.GetBytes(WrongKey) },
        { "wrong bytes", Convert.FromHexString(WrongKey) },
        { "a wrong password that is not hex", Encoding.UTF8.GetBytes("not-hex-but-long-enough") },
    };

    [Theory]
    [MemberData(nameof(Arrivals))]
    public async Task A_hex_key_stored_now_is_one_hash_and_each_check_costs_one_pbkdf2_run(string what, byte[] password)
    {
        var stored = OcppPassword.HashesFor(Key);

        Assert.Single(stored);
        Assert.Equal((what.Contains("right", StringComparison.Ordinal), 1), await CheckAsync(password, stored));
    }

    [Theory]
    [MemberData(nameof(Arrivals))]
    public async Task A_hex_key_stored_before_as_two_hashes_still_takes_both_forms_at_one_pbkdf2_run_a_check(string what, byte[] password)
    {
        // What HashesFor stored until now: the text's hash, then the bytes' hash. Records are not rewritten.
        string[] stored = [OcppPassword.Hash(Encoding.UTF8.GetBytes(Key)), OcppPassword.Hash(Convert.FromHexString(Key))];

        Assert.Equal((what.Contains("right", StringComparison.Ordinal), 1), await CheckAsync(password, stored));
    }

    [Fact]
    public async Task A_generated_secret_stored_now_is_one_fast_hash_that_both_forms_match()
    {
        var secret = OcppPassword.Generate();
        var stored = OcppPassword.HashesForGenerated(secret);

        Assert.Single(stored);
        Assert.Equal((true, 0), await CheckAsync(Encoding.UTF8.GetBytes(secret), stored));
        Assert.Equal((true, 0), await CheckAsync(Convert.FromHexString(secret), stored));
    }

    /// <summary>Whether it got in, and how many PBKDF2 runs that took, on a silo that remembers nothing yet.</summary>
    private static async Task<(bool Match, long Runs)> CheckAsync(byte[] password, IReadOnlyList<string> stored)
    {
        var passwords = new VerifiedPasswords();
        var check = await passwords.VerifyAsync("CP-HEX", password, stored);
        return (check == PasswordCheck.Match, passwords.Pbkdf2Runs);
    }
}
