using McpAspire.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http;

namespace McpAspire.ServiceDefaults.Tests;

public sealed class BearerTokenParsingTests
{
    [Theory]
    [InlineData("Bearer abc.def", true, "abc.def")]
    [InlineData("bearer abc", true, "abc")]
    [InlineData("Bearer   abc  ", true, "abc")]
    [InlineData("Bearer", true, "")]
    [InlineData("Bearerabc", false, "")]
    [InlineData("Basic dXNlcjpwYXNz", false, "")]
    [InlineData("", false, "")]
    public void Only_the_bearer_scheme_yields_a_token(string header, bool found, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;
        Assert.Equal(found, IntrospectionAuthenticationHandler.TryGetBearerToken(context.Request, out var token));
        Assert.Equal(expected, token);
    }

    [Fact]
    public void Two_authorization_headers_are_not_read_as_a_token()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = new Microsoft.Extensions.Primitives.StringValues(["Bearer a", "Bearer b"]);
        Assert.False(IntrospectionAuthenticationHandler.TryGetBearerToken(context.Request, out _));
    }

    [Fact]
    public void The_cache_value_round_trips_the_claims_and_never_holds_more()
    {
        var result = TokenIntrospectionResult.Active("sub-1", "client-1", "mcp:read", ["aud-1", "aud-2"], "jti-1",
            DateTimeOffset.FromUnixTimeSeconds(2_000_000_000), DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), "alice");
        var bytes = CachingTokenIntrospector.Serialize(result);
        var back = CachingTokenIntrospector.Deserialize(bytes)!;
        Assert.True(back.IsActive);
        Assert.Equal(("sub-1", "client-1", "mcp:read", "jti-1", "alice"), (back.Subject, back.ClientId, back.Scope, back.TokenId, back.Username));
        Assert.Equal(["aud-1", "aud-2"], back.Audiences);
        Assert.Equal(result.ExpiresAt, back.ExpiresAt);
        Assert.Equal(result.IssuedAt, back.IssuedAt);

        var refused = CachingTokenIntrospector.Deserialize(CachingTokenIntrospector.Serialize(TokenIntrospectionResult.Invalid("The token is not active.")))!;
        Assert.Equal(TokenIntrospectionStatus.Invalid, refused.Status);
        Assert.Equal("The token is not active.", refused.FailureReason);
        Assert.Null(CachingTokenIntrospector.Deserialize("not json"u8.ToArray()));
    }
}
