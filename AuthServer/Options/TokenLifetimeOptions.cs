namespace AuthServer.Options;

public sealed class TokenLifetimeOptions
{
    public TimeSpan AuthorizationCode { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan AccessToken { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshToken { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan IdToken { get; set; } = TimeSpan.FromMinutes(15);
}
