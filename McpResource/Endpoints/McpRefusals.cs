using System.Diagnostics;
using McpResource.Authorization;
using McpResource.Telemetry;

namespace McpResource.Endpoints;

/// <summary>
/// Answers the requests refused because of who is calling: each refusal is logged (never a token), counted for
/// tool calls, and answered with its challenge (401 / 403) or a 503 when a token could not be checked.
/// </summary>
public sealed class McpRefusals(McpChallenges challenges, McpResourceTelemetry telemetry, McpEndpointLog log)
{
    /// <summary>No caller: 401 naming the scopes the request needs (the tool's, when it names one), or 503.</summary>
    public Task UnauthenticatedAsync(HttpContext context, CallerResolution resolution, string? toolName, ToolPolicy? policy, long started)
    {
        var unavailable = resolution.Kind == CallerResolutionKind.Unavailable;
        if (toolName is not null)
        {
            telemetry.RecordToolCall(policy?.Name ?? ToolCallOutcomes.UnknownTool,
                unavailable ? ToolCallOutcomes.Unavailable : ToolCallOutcomes.Unauthorized, Stopwatch.GetElapsedTime(started));
        }

        if (unavailable)
        {
            log.Unavailable(resolution.ErrorDescription);
            return McpChallenges.UnavailableAsync(context, resolution.ErrorDescription);
        }

        log.Unauthorized(resolution.Error ?? "no token", resolution.ErrorDescription);
        return challenges.UnauthorizedAsync(context, policy?.NeededScopes ?? McpScopes.Basic, resolution.Error, resolution.ErrorDescription);
    }

    /// <summary>Refuses (403) a tool call the caller may not make; false when the call is permitted.</summary>
    public async ValueTask<bool> RefuseIfNotPermittedAsync(HttpContext context, ToolPolicy policy, McpCaller caller, long started)
    {
        if (policy.IsPermittedFor(caller))
        {
            return false;
        }

        telemetry.RecordToolCall(policy.Name, ToolCallOutcomes.Forbidden, Stopwatch.GetElapsedTime(started));
        if (caller.IsClientAlone && !policy.AllowsClientAlone)
        {
            log.UserRequired(policy.Name, caller.ClientId);
            await McpChallenges.UserRequiredAsync(context, policy.Name);
        }
        else
        {
            log.InsufficientScope(policy.Name, caller.Subject, caller.ClientId, policy.NeededScopes, caller.Scopes);
            await challenges.InsufficientScopeAsync(context, policy.NeededScopes, policy.Name);
        }

        return true;
    }
}
