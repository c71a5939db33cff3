using System.ComponentModel.DataAnnotations;

namespace ChatService.Options;

/// <summary>Section <c>ChatService:Agent</c>: which model answers and how long the tool loop may run.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "ChatService:Agent";

    /// <summary><see cref="AgentProviders.BuiltIn"/> (default, offline) or <see cref="AgentProviders.OpenAI"/>.</summary>
    [Required]
    public string Provider { get; set; } = AgentProviders.BuiltIn;

    /// <summary>Base URL of an OpenAI-compatible API (OpenAI, Azure OpenAI, Ollama, llama.cpp, vLLM), e.g. http://127.0.0.1:11434/v1.</summary>
    public Uri? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>The endpoint's API key (a secret: never logged). Local servers usually accept any value.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model calls per message; the last one gets no tools so the model must answer.</summary>
    [Range(1, 20)]
    public int MaxIterations { get; set; } = 5;

    /// <summary>Time for the whole reply (model and tool calls).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
