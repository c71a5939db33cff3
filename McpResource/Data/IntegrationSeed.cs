namespace McpResource.Data;

/// <summary>The integrations every environment starts with, inserted by the initial migration.</summary>
public static class IntegrationSeed
{
    public static readonly Integration[] All =
    [
        new() { Id = 1, Name = "GitHub", Kind = "source-control", Description = "Links tickets to issues and pull requests.", IsActive = true, LastSyncAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero) },
        new() { Id = 2, Name = "Slack", Kind = "chat", Description = "Posts ticket updates to team channels.", IsActive = true, LastSyncAt = new DateTimeOffset(2026, 11, 1, 8, 5, 0, TimeSpan.Zero) },
        new() { Id = 3, Name = "PagerDuty", Kind = "alerting", Description = "Opens tickets from critical incidents.", IsActive = true, LastSyncAt = new DateTimeOffset(2026, 11, 1, 8, 10, 0, TimeSpan.Zero) },
        new() { Id = 4, Name = "Jira", Kind = "issue-tracker", Description = "Mirrors tickets into a Jira project (paused).", IsActive = false, LastSyncAt = new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero) },
        new() { Id = 5, Name = "Email", Kind = "email", Description = "Creates tickets from the support mailbox.", IsActive = true, LastSyncAt = new DateTimeOffset(2026, 11, 1, 8, 15, 0, TimeSpan.Zero) },
        new() { Id = 6, Name = "Salesforce", Kind = "crm", Description = "Attaches customer records to tickets (not configured).", IsActive = false, LastSyncAt = null },
    ];
}
