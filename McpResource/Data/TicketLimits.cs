namespace McpResource.Data;

public static class TicketLimits
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int SearchQueryMaxLength = 200;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
}
