using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Tests.Transport;

public class OcpiTokenTests
{
    [Theory]
    [InlineData(OcpiVersion.V221)]
    [InlineData(OcpiVersion.V230)]
    public void From_22_on_the_token_is_base64_encoded(OcpiVersion version)
    {
        Assert.Equal("Token ZXhhbXBsZS10b2tlbg==", OcpiToken.EncodeHeader("example-token", version));
    }

    [Fact]
    public void In_211_the_token_is_sent_raw()
    {
        Assert.Equal("Token example-token", OcpiToken.EncodeHeader("example-token", OcpiVersion.V211));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\t")]
    [InlineData("tökén")]
    public void Invalid_tokens_cannot_be_encoded(string token)
    {
        Assert.Throws<ArgumentException>(() => OcpiToken.EncodeHeader(token, OcpiVersion.V221));
    }

    [Fact]
    public void Token_longer_than_64_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() => OcpiToken.EncodeHeader(new string('a', 65), OcpiVersion.V221));
    }

    [Fact]
    public void Base64_header_decodes_to_the_token_with_the_raw_value_as_fallback()
    {
        Assert.True(OcpiToken.TryDecodeHeader("Token ZXhhbXBsZS10b2tlbg==", out var token));

        Assert.Equal("example-token", token);
        Assert.Equal(["example-token", "ZXhhbXBsZS10b2tlbg=="], OcpiToken.CandidateTokens("Token ZXhhbXBsZS10b2tlbg=="));
    }

    [Fact]
    public void Raw_uuid_token_is_used_as_is()
    {
        const string Raw = "ebf3b399-779f-4497-9b9d-ac6ad3cc44d2";

        Assert.True(OcpiToken.TryDecodeHeader("Token " + Raw, out var token));

        Assert.Equal(Raw, token);
        Assert.Equal([Raw], OcpiToken.CandidateTokens("Token " + Raw));
    }

    [Fact]
    public void Spec_example_with_trailing_newline_decodes_without_the_newline()
    {
        // ZXhhbXBsZS10b2tlbgo= is "example-token\n" (the spec's typo); the newline cannot be part of a token.
        Assert.Equal(["example-token", "ZXhhbXBsZS10b2tlbgo="], OcpiToken.CandidateTokens("Token ZXhhbXBsZS10b2tlbgo="));
        Assert.Equal(
            ["ebf3b399-779f-4497-9b9d-ac6ad3cc44d2", "ZWJmM2IzOTktNzc5Zi00NDk3LTliOWQtYWM2YWQzY2M0NGQyCg=="],
            OcpiToken.CandidateTokens("Token ZWJmM2IzOTktNzc5Zi00NDk3LTliOWQtYWM2YWQzY2M0NGQyCg=="));
    }

    [Fact]
    public void Base64_that_decodes_to_binary_is_taken_as_a_raw_token()
    {
        // "abcd" is valid Base64, but its bytes (0x69 0xB7 0x1D) are not printable ASCII.
        Assert.Equal(["abcd"], OcpiToken.CandidateTokens("Token abcd"));
    }

    [Fact]
    public void Raw_token_that_also_reads_as_base64_yields_both_candidates()
    {
        // "dGVzdA==" decodes to "test", so both readings are offered, decoded first.
        // "TEST" is valid Base64 too, but decodes to 0x4C 0x44 0x93, which is not printable: raw only.
        Assert.Equal(["test", "dGVzdA=="], OcpiToken.CandidateTokens("Token dGVzdA=="));
        Assert.Equal(["TEST"], OcpiToken.CandidateTokens("Token TEST"));
    }

    [Theory]
    [InlineData("token ZXhhbXBsZS10b2tlbg==")]
    [InlineData("TOKEN   ZXhhbXBsZS10b2tlbg==  ")]
    [InlineData("  Token ZXhhbXBsZS10b2tlbg==")]
    public void Scheme_is_case_insensitive_and_whitespace_tolerated(string header)
    {
        Assert.True(OcpiToken.TryDecodeHeader(header, out var token));

        Assert.Equal("example-token", token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Token")]
    [InlineData("Token ")]
    [InlineData("Bearer ZXhhbXBsZS10b2tlbg==")]
    [InlineData("TokenZXhhbXBsZS10b2tlbg==")]
    [InlineData("Token abc def")]
    public void Non_token_headers_are_rejected(string? header)
    {
        Assert.False(OcpiToken.TryDecodeHeader(header, out var token));

        Assert.Equal(string.Empty, token);
        Assert.Empty(OcpiToken.CandidateTokens(header));
    }

    [Fact]
    public void Encode_then_decode_round_trips_for_each_version()
    {
        foreach (var version in Enum.GetValues<OcpiVersion>())
        {
            Assert.True(OcpiToken.TryDecodeHeader(OcpiToken.EncodeHeader("9e80a9c4-28be-11e9-b210-d663bd873d93", version), out var token));
            Assert.Equal("9e80a9c4-28be-11e9-b210-d663bd873d93", token);
        }
    }
}
