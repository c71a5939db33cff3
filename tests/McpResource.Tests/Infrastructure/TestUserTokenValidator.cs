using McpResource.Authorization;

namespace McpResource.Tests.Infrastructure;

public sealed class TestUserTokenValidator : IUserTokenValidator
{
    public ValueTask<UserTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token == TestTokens.Unreachable)
        {
            return ValueTask.FromResult(UserTokenValidationResult.Unavailable("authorization server unreachable"));
        }

        var principal = TestTokens.Principal(token, "UserToken");
        return ValueTask.FromResult(principal is null
            ? UserTokenValidationResult.Invalid("the token is not active")
            : UserTokenValidationResult.Valid(principal));
    }
}
