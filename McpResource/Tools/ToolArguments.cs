using McpResource.Data;
using ModelContextProtocol;

namespace McpResource.Tools;

/// <summary>Argument checks shared by the tools; each failure is a tool error with a message the model can act on.</summary>
public static class ToolArguments
{
    public static void RequireId(long id, string name = "id")
    {
        if (id <= 0)
        {
            throw new McpException($"'{name}' must be a positive ticket id.");
        }
    }

    public static string RequireText(string? value, string name, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new McpException($"'{name}' is required and must not be blank.");
        }

        return CheckLength(trimmed, name, maxLength);
    }

    public static string? OptionalText(string? value, string name, int maxLength) =>
        value is null ? null : CheckLength(value.Trim(), name, maxLength);

    public static string? OptionalChoice(string? value, string name, IReadOnlyList<string> allowed)
    {
        if (value is null)
        {
            return null;
        }

        var normalized = value.Trim().ToLowerInvariant();
        if (!allowed.Contains(normalized))
        {
            throw new McpException($"'{name}' must be one of: {string.Join(", ", allowed)} (got '{value}').");
        }

        return normalized;
    }

    public static int PageSize(int? limit)
    {
        var value = limit ?? TicketLimits.DefaultPageSize;
        if (value is < 1 or > TicketLimits.MaxPageSize)
        {
            throw new McpException($"'limit' must be between 1 and {TicketLimits.MaxPageSize}.");
        }

        return value;
    }

    private static string CheckLength(string value, string name, int maxLength) =>
        value.Length <= maxLength
            ? value
            : throw new McpException($"'{name}' must be at most {maxLength} characters (got {value.Length}).");
}
