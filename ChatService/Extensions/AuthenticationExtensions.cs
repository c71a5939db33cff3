namespace ChatService.Extensions;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Users present the bearer token AuthServer issued for ChatService's audience; it is validated by introspection
    /// (ServiceDefaults' handler, shared with McpResource).
    /// </summary>
    public static IHostApplicationBuilder AddChatAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        return builder;
    }
}
