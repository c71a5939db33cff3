using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>
/// Checks tools/call arguments against the tool's input schema (required members, JSON types) before the tool is
/// bound, so a missing or mistyped argument is a tool error that names it, not an opaque binding failure.
/// </summary>
public static class ArgumentSchemaFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        (request, cancellationToken) =>
        {
            var problem = request.Params is { } parameters && request.Server.ServerOptions.ToolCollection is { } tools
                && tools.TryGetPrimitive(parameters.Name, out var tool)
                    ? Check(tool.ProtocolTool.InputSchema, parameters.Arguments)
                    : null;
            return problem is null
                ? next(request, cancellationToken)
                : ValueTask.FromResult(new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = problem }] });
        };

    public static string? Check(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    return $"Missing required argument '{name}'.";
                }
            }
        }

        if (arguments is null || !schema.TryGetProperty("properties", out var properties))
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var property))
            {
                return $"Unknown argument '{name}'. Expected: {string.Join(", ", properties.EnumerateObject().Select(p => p.Name))}.";
            }

            if (property.TryGetProperty("type", out var type) && !Matches(type, value))
            {
                return $"Argument '{name}' must be of type {Describe(type)}.";
            }
        }

        return null;
    }

    private static bool Matches(JsonElement type, JsonElement value) => type.ValueKind switch
    {
        JsonValueKind.String => Matches(type.GetString()!, value),
        JsonValueKind.Array => type.EnumerateArray().Any(t => Matches(t.GetString()!, value)),
        _ => true,
    };

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Describe(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString()))
            : type.GetString() ?? "any";
}
