namespace ChatService.Agent;

/// <summary>
/// One tool call the agent made and what came back. It is also the result handed back to the model: a model reads
/// <see cref="ToString"/>, the built-in planner reads the fields.
/// </summary>
public sealed record ToolRun(string Tool, IReadOnlyDictionary<string, object?> Arguments, string Outcome, string Text)
{
    public bool Succeeded => Outcome == ToolOutcomes.Success;

    /// <summary>Whether the tool actually ran at McpResource (successfully or with a tool error).</summary>
    public bool Ran => Outcome is ToolOutcomes.Success or ToolOutcomes.ToolError;

    public override string ToString() => Outcome switch
    {
        ToolOutcomes.Success => Text,
        ToolOutcomes.Refused => $"PERMISSION DENIED: {Text} Nothing was changed. Tell the user they lack this permission.",
        ToolOutcomes.Unavailable => $"TOOLS UNAVAILABLE: {Text}",
        _ => $"ERROR: {Text}",
    };
}
