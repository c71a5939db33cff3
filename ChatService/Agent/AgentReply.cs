using ChatService.Data;

namespace ChatService.Agent;

public sealed record AgentReply(string Content, ReplyDetails Details, IReadOnlyList<ToolRun> ToolRuns);
