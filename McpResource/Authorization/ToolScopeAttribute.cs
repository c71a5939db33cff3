namespace McpResource.Authorization;

/// <summary>
/// The one place a tool declares what it needs: the scope (checked before the call, used to filter
/// <c>tools/list</c> and named in a 403 challenge) and whether a client may call it without a user.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToolScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;

    /// <summary>
    /// True for tools that touch no user's data (system and reference data): a client-credentials token may call
    /// them on its own. Other tools need a user: the token's own subject or the user token of a dual-stream call.
    /// </summary>
    public bool AllowsClientAlone { get; init; }
}
