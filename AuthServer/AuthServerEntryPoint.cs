namespace AuthServer;

/// <summary>Names this assembly's entry point for in-process hosts (WebApplicationFactory) without a public Program.</summary>
public sealed class AuthServerEntryPoint;
