using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace AuthServer.OAuth;

/// <summary>
/// Reads the form body of a back-channel request (token, introspection, revocation): it must be
/// application/x-www-form-urlencoded, and no parameter may appear twice except <c>resource</c> (RFC 8707).
/// </summary>
public sealed class OAuthForm
{
    private readonly IFormCollection _form;

    private OAuthForm(IFormCollection form) => _form = form;

    public string? this[string name] => _form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    public StringValues All(string name) => _form.TryGetValue(name, out var value) ? value : StringValues.Empty;

    public bool Has(string name) => _form.ContainsKey(name);

    public static async Task<(OAuthForm? Form, OAuthError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType
            || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, OAuthError.InvalidRequest("The request body must be application/x-www-form-urlencoded."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = 64, KeyLengthLimit = 64, ValueLengthLimit = 16 * 1024 }, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, OAuthError.InvalidRequest("The request body could not be read as a form."));
        }

        foreach (var (key, value) in form)
        {
            if (value.Count > 1 && key != OAuthParameters.Resource)
            {
                return (null, OAuthError.InvalidRequest($"The parameter '{key}' is repeated."));
            }
        }

        return (new OAuthForm(form), null);
    }
}
