namespace McpAspire.Hosting;

/// <summary>One line a resource wrote to stdout or stderr.</summary>
public readonly record struct ResourceLogLine(DateTimeOffset Timestamp, string Text, bool IsError);
