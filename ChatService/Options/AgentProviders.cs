namespace ChatService.Options;

public static class AgentProviders
{
    /// <summary>The deterministic planner: needs no network and no model.</summary>
    public const string BuiltIn = "builtin";

    /// <summary>Any OpenAI-compatible chat completions endpoint.</summary>
    public const string OpenAI = "openai";
}
