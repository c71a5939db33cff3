namespace ChatService.Agent;

/// <summary>What the agent reports while it works, in order; the last event is always <see cref="ReplyCompleted"/>.</summary>
public abstract record AgentEvent;

/// <summary>A tool call is about to be made.</summary>
public sealed record ToolStarted(string Tool) : AgentEvent;

/// <summary>A tool call ended with <paramref name="Outcome"/> (see <see cref="ToolOutcomes"/>).</summary>
public sealed record ToolFinished(string Tool, string Outcome) : AgentEvent;

/// <summary>A piece of the reply text as the model produces it.</summary>
public sealed record TextDelta(string Text) : AgentEvent;

/// <summary>The finished reply.</summary>
public sealed record ReplyCompleted(AgentReply Reply) : AgentEvent;
