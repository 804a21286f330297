using System.Text;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>The second stored scheme: salted SHA-256 for secrets StatusGrid generates itself.</summary>
public sealed class GeneratedPasswordTests
{
    [Fact]
    public void A_generated_secret_is_40_lowercase_hex_digits_of_20_random_bytes_valid_for_both_protocols()
    {
        var secret = OcppPassword.Generate();

        Assert.Matches("^[0-9a-f]{40}$", secret);
        Assert.Equal(OcppPassword.GeneratedBytes, Convert.FromHexString(secret).Length);
        Assert.InRange(secret.Length, OcppPassword.MinLength, OcppPassword.MaxLength);
        Assert.NotEqual(secret, OcppPassword.Generate());
    }

    [Fact]
    public void A_generated_secret_verifies_against_its_fast_hash_and_nothing_else_does()
    {
        var secret = OcppPassword.Generate();
        var hash = OcppPassword.HashGenerated(Encoding.UTF8.GetBytes(secret));

        Assert.StartsWith("sha256$", hash, StringComparison.Ordinal);
        Assert.True(OcppPassword.IsFast(hash));
        Assert.DoesNotContain(secret, hash, StringComparison.Ordinal);
        Assert.True(OcppPassword.Verify(Encoding.UTF8.GetBytes(secret), hash));
        Assert.False(OcppPassword.Verify(Encoding.UTF8.GetBytes(OcppPassword.Generate()), hash));
        Assert.False(OcppPassword.Verify(Encoding.UTF8.GetBytes(secret[..^1] + (secret[^1] == '0' ? '1' : '0')), hash));
        Assert.False(OcppPassword.Verify([], hash));
        // Salted: the same secret never gives the same stored string twice.
        Assert.NotEqual(hash, OcppPassword.HashGenerated(Encoding.UTF8.GetBytes(secret)));
    }

    [Fact]
    public void A_generated_secret_is_stored_as_one_fast_hash_that_its_text_and_its_20_raw_bytes_both_match()
    {
        var secret = OcppPassword.Generate();
        var hash = Assert.Single(OcppPassword.HashesForGenerated(secret));

        Assert.True(OcppPassword.IsFast(hash), hash);
        Assert.True(OcppPassword.Verify(OcppPassword.Canonical(Encoding.UTF8.GetBytes(secret)), hash));
        Assert.True(OcppPassword.Verify(OcppPassword.Canonical(Convert.FromHexString(secret)), hash));
        Assert.All(OcppPassword.HashesFor(secret), h => Assert.False(OcppPassword.IsFast(h), h));
    }

    [Fact]
    public void A_tampered_or_truncated_stored_hash_is_a_mismatch_not_an_exception()
    {
        var secret = Encoding.UTF8.GetBytes(OcppPassword.Generate());
        var fast = OcppPassword.HashGenerated(secret);
        var slow = OcppPassword.Hash(secret);
        var fastParts = fast.Split('$');
        var slowParts = slow.Split('$');
        string[] tampered =
        [
            "", "sha256", "sha256$", "sha256$$", fast + "$extra", fast[..^4],
            $"sha256${fastParts[1]}$not*base64!", $"sha256$not*base64!${fastParts[2]}",
            $"sha256${fastParts[1]}${Convert.ToBase64String(new byte[31])}",
            $"SHA256${fastParts[1]}${fastParts[2]}", $"md5${fastParts[1]}${fastParts[2]}",
            $"pbkdf2-sha256$20000${slowParts[2]}$not*base64!", $"pbkdf2-sha256$20000$%%%${slowParts[3]}",
            $"pbkdf2-sha256$20000${slowParts[2]}$", $"pbkdf2-sha256$-5${slowParts[2]}${slowParts[3]}",
            $"pbkdf2-sha256$2000000000${slowParts[2]}${slowParts[3]}", $"pbkdf2-sha256$x${slowParts[2]}${slowParts[3]}",
        ];

        foreach (var stored in tampered)
        {
            Assert.False(OcppPassword.Verify(secret, stored), stored);
        }

        Assert.True(OcppPassword.Verify(secret, fast));
        Assert.True(OcppPassword.Verify(secret, slow));
    }
}
