using Microsoft.Extensions.Options;

namespace ChatService.Options;

/// <summary>Stops the start when the chosen provider is unknown or the OpenAI-compatible one lacks its endpoint or model.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        if (string.Equals(options.Provider, AgentProviders.BuiltIn, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        if (!string.Equals(options.Provider, AgentProviders.OpenAI, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"{AgentOptions.SectionName}:Provider must be '{AgentProviders.BuiltIn}' or '{AgentProviders.OpenAI}', not '{options.Provider}'.");
        }

        var failures = new List<string>();
        if (options.Endpoint is not { IsAbsoluteUri: true })
        {
            failures.Add($"{AgentOptions.SectionName}:Endpoint must be an absolute URL when Provider is '{AgentProviders.OpenAI}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{AgentOptions.SectionName}:Model is required when Provider is '{AgentProviders.OpenAI}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
