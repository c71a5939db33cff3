namespace ChatService.Agent.Planner;

/// <summary>A tool call the planner chose for a message, with the action in words (for answers and refusals).</summary>
public sealed record PlannedCall(string Tool, IReadOnlyDictionary<string, object?> Arguments, string Action);
