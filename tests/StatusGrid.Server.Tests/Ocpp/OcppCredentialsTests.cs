using System.Text;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

public sealed class OcppCredentialsTests
{
    private static string Basic(string user, byte[] password) =>
        "Basic " + Convert.ToBase64String([.. Encoding.UTF8.GetBytes(user + ":"), .. password]);

    [Fact]
    public void A_password_verifies_against_its_hash_and_nothing_else_does()
    {
        var hash = OcppPassword.Hash("correct-horse-battery"u8);

        Assert.StartsWith("pbkdf2-sha256$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct-horse", hash, StringComparison.Ordinal);
        Assert.True(OcppPassword.Verify("correct-horse-battery"u8, hash));
        Assert.False(OcppPassword.Verify("correct-horse-batterz"u8, hash));
        Assert.NotEqual(hash, OcppPassword.Hash("correct-horse-battery"u8));
    }

    [Fact]
    public void A_hex_authorization_key_of_32_digits_is_stored_as_the_16_bytes_it_stands_for_and_anything_else_as_it_is()
    {
        const string key = "00112233445566778899aabbccddeeff";

        Assert.Equal(Convert.FromHexString(key), OcppPassword.Canonical(Encoding.UTF8.GetBytes(key)));
        Assert.Equal(Convert.FromHexString(key), OcppPassword.Canonical(Convert.FromHexString(key)));
        Assert.True(OcppPassword.Verify(Convert.FromHexString(key), Assert.Single(OcppPassword.HashesFor(key))));
        // Too short, odd or not hex: the text itself (the rule of OCPP 1.6's AuthorizationKey: 16 to 20 bytes as hex).
        foreach (var text in new[] { "00112233445566778899aabbccddee", "00112233445566778899aabbccddeeff0", "not-hex-but-long-enough-0123456789" })
        {
            Assert.Equal(Encoding.UTF8.GetBytes(text), OcppPassword.Canonical(Encoding.UTF8.GetBytes(text)));
        }
    }

    [Fact]
    public void The_basic_user_must_be_the_identity_of_the_url()
    {
        Assert.Equal("s3cret:with:colons"u8.ToArray(), OcppBasicAuth.PasswordFor(Basic("CP-1", "s3cret:with:colons"u8.ToArray()), "CP-1"));
        Assert.Null(OcppBasicAuth.PasswordFor(Basic("CP-2", "x"u8.ToArray()), "CP-1"));
        Assert.Null(OcppBasicAuth.PasswordFor("Bearer abc", "CP-1"));
        Assert.Null(OcppBasicAuth.PasswordFor("Basic not-base64!", "CP-1"));
        Assert.Null(OcppBasicAuth.PasswordFor(null, "CP-1"));
    }

    [Theory]
    [InlineData("CP-001", true)]
    [InlineData("a*b-c_d=e+f|g@h.i", true)]
    [InlineData("RDAM 123", false)]
    [InlineData("CP:1", false)]
    [InlineData("", false)]
    [InlineData("0123456789012345678901234567890123456789012345678", false)]
    public void Identities_are_ocpp_identifier_strings_of_at_most_48_characters(string identity, bool valid) =>
        Assert.Equal(valid, OcppIdentity.IsValid(identity));
}
