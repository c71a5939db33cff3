namespace McpResource.Telemetry;

public static class ToolCallOutcomes
{
    public const string Success = "success";
    public const string ToolError = "tool_error";
    public const string ProtocolError = "protocol_error";
    public const string Forbidden = "forbidden";
    public const string Unauthorized = "unauthorized";
    public const string Unavailable = "unavailable";
}
