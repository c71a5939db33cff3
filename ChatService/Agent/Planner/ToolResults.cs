namespace ChatService.Agent.Planner;

public sealed record IntegrationInfo(string? Name, string? Kind, string? Description, bool IsActive);

public sealed record HealthInfo(string? Status, string? Database, int ActiveIntegrations, string? Version);

public sealed record ProfileInfo(string? Subject, string? Username, string? ClientId, IReadOnlyList<string>? Scopes, bool IsAdmin, string? ActingAs);

public sealed record StatsInfo(int Total, IReadOnlyDictionary<string, int>? ByStatus, IReadOnlyDictionary<string, int>? ByPriority, string? Scope);
