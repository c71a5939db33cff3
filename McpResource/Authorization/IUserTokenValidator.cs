namespace McpResource.Authorization;

/// <summary>Checks the end user's token that a service passes on in a dual-stream call.</summary>
public interface IUserTokenValidator
{
    ValueTask<UserTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken);
}
