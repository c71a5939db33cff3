namespace ChatService.Extensions;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Users present the bearer token AuthServer issued for ChatService's audience; it is validated by introspection
    /// through ServiceDefaults' handler and its cache (in process and in Redis "cache", shared with McpResource).
    /// </summary>
    public static IHostApplicationBuilder AddChatAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        builder.AddIntrospectionAuthentication();
        return builder;
    }
}
