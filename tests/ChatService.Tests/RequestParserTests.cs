using ChatService.Agent.Planner;

namespace ChatService.Tests;

public sealed class RequestParserTests
{
    [Theory]
    [InlineData("Open a ticket: VPN drops every hour", "create_ticket", "title=VPN drops every hour")]
    [InlineData("create a ticket titled \"Printer jams\"", "create_ticket", "title=Printer jams")]
    [InlineData("Please create a new ticket about the wifi in room 4, high priority", "create_ticket", "title=the wifi in room 4;priority=high")]
    [InlineData("Create a ticket titled Disk full, description: the /var partition is at 100%", "create_ticket", "title=Disk full;description=the /var partition is at 100%")]
    [InlineData("list my tickets", "list_tickets", "")]
    [InlineData("Show my open tickets", "list_tickets", "status=open")]
    [InlineData("show ticket 12", "get_ticket", "id=12")]
    [InlineData("What about #7?", "get_ticket", "id=7")]
    [InlineData("close ticket 12", "update_ticket", "id=12;status=closed")]
    [InlineData("mark ticket 3 as in progress", "update_ticket", "id=3;status=in_progress")]
    [InlineData("set ticket 5 to critical priority", "update_ticket", "id=5;priority=critical")]
    [InlineData("delete ticket 9", "delete_ticket", "id=9")]
    [InlineData("search tickets for printer", "search_tickets", "query=printer")]
    [InlineData("find my tickets about VPN", "search_tickets", "query=VPN")]
    [InlineData("ticket stats", "get_ticket_stats", "")]
    [InlineData("show all tickets", "admin_list_all_tickets", "")]
    [InlineData("reassign ticket 4 to bob", "admin_reassign_ticket", "id=4;newOwner=bob;newOwnerName=bob")]
    [InlineData("What integrations are available?", "get_active_integrations", "")]
    [InlineData("list integrations", "list_integrations", "")]
    [InlineData("Is the system healthy?", "get_system_health", "")]
    [InlineData("who am I", "get_user_profile", "")]
    public void AMessageMapsToOneToolCallWithItsArguments(string message, string tool, string arguments)
    {
        var plan = RequestParser.Parse(message);

        Assert.NotNull(plan);
        Assert.Equal(tool, plan.Tool);
        var expected = arguments.Length == 0
            ? []
            : arguments.Split(';').Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]);
        Assert.Equal(expected.OrderBy(e => e.Key), plan.Arguments.ToDictionary(a => a.Key, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture)!).OrderBy(e => e.Key));
    }

    [Theory]
    [InlineData("Sing me a song")]
    [InlineData("hello")]
    [InlineData("what can you do?")]
    public void AMessageNoRuleUnderstandsGetsNoToolCall(string message) => Assert.Null(RequestParser.Parse(message));

    [Fact]
    public void CreatingATicketWithoutATitleAsksForOne()
    {
        var plan = RequestParser.Parse("create a ticket");

        Assert.NotNull(plan);
        Assert.False(plan.Arguments.ContainsKey("title"));
    }
}
