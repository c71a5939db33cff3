using Microsoft.Extensions.Options;

namespace McpResource.Options;

public sealed class ProtectedResourceOptionsValidator : IValidateOptions<ProtectedResourceOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectedResourceOptions options)
    {
        var failures = new List<string>();
        if (!IsHttpUri(options.Issuer))
        {
            failures.Add($"{ProtectedResourceOptions.SectionName}:Issuer must be the authorization server's absolute http(s) issuer URL.");
        }

        if (!IsHttpUri(options.Audience) || options.Audience.EndsWith('/'))
        {
            failures.Add($"{ProtectedResourceOptions.SectionName}:Audience must be this server's canonical absolute URI (e.g. http://127.0.0.1:5202/mcp, no trailing slash).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
