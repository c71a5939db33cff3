namespace ChatService.Data;

public static class ChatLimits
{
    public const int TitleMaxLength = 200;
    public const int MessageMaxLength = 4000;
    public const int OwnerMaxLength = 200;

    /// <summary>How many earlier messages of a conversation the agent reads as context.</summary>
    public const int HistoryMessages = 20;
}
