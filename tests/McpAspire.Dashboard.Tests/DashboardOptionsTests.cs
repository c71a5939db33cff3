using Microsoft.Extensions.Configuration;

namespace McpAspire.Dashboard.Tests;

public sealed class DashboardOptionsTests
{
    [Theory]
    [InlineData("http://0.0.0.0:18888", "AppHost:DashboardUrl")]
    [InlineData("http://192.168.1.10:18888", "AppHost:DashboardUrl")]
    [InlineData("https://127.0.0.1:18888", "AppHost:DashboardUrl")]
    [InlineData("not a url", "AppHost:DashboardUrl")]
    public async Task ADashboardAddressThatIsNotPlainLoopbackHttpStopsTheStartNamingTheKey(string url, string key)
    {
        var options = new DashboardOptions { Url = url, OtlpUrl = "http://127.0.0.1:0" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DashboardHost.StartAsync(new Resources.ResourceBoard(), options, TestContext.Current.CancellationToken));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsAreReadFromTheAppHostConfigurationAndBadNumbersNameTheirKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppHost:DashboardUrl"] = "http://127.0.0.1:19999",
            ["AppHost:Dashboard:OtlpUrl"] = "http://localhost:19998",
            ["AppHost:Dashboard:MaxSpansPerResource"] = "250",
            ["AppHost:Dashboard:MetricsWindow"] = "00:02:00",
        }).Build();

        var options = DashboardOptions.FromConfiguration(configuration);

        Assert.Equal("http://127.0.0.1:19999", options.Url);
        Assert.Equal("http://localhost:19998", options.OtlpUrl);
        Assert.Equal(250, options.MaxSpansPerResource);
        Assert.Equal(TimeSpan.FromMinutes(2), options.MetricsWindow);

        configuration["AppHost:Dashboard:MaxSpansPerResource"] = "lots";
        var error = Assert.Throws<InvalidOperationException>(() => DashboardOptions.FromConfiguration(configuration));
        Assert.Contains("AppHost:Dashboard:MaxSpansPerResource", error.Message, StringComparison.Ordinal);
    }
}
