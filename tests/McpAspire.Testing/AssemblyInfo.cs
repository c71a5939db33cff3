namespace McpAspire.Testing;

internal static class AssemblyInfo
{
}
