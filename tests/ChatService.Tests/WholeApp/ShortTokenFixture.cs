using McpAspire.Hosting;
using McpAspire.Hosting.Testing;

namespace ChatService.Tests.WholeApp;

/// <summary>The whole app with access tokens that live <see cref="AccessTokenLifetime"/> (users' and the service's).</summary>
public sealed class ShortTokenFixture : WholeAppFixture
{
    public static TimeSpan AccessTokenLifetime { get; } = TimeSpan.FromSeconds(6);

    protected override void Configure(IDistributedApplicationTestingBuilder builder) =>
        builder.CreateResourceBuilder<ProjectResource>("auth-server")
            .WithEnvironment("AuthServer__Lifetimes__AccessToken", AccessTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Tests on a whole app of their own, whose access tokens expire within seconds.</summary>
[CollectionDefinition(Name)]
public sealed class ShortTokenCollection : ICollectionFixture<ShortTokenFixture>
{
    public const string Name = "whole app, short-lived tokens";
}
