using System.Globalization;

namespace McpAspire.Hosting;

/// <summary>
/// A string built from literals and values known only at start:
/// <c>ReferenceExpression.Create($"{endpoint}/mcp")</c>.
/// </summary>
public sealed class ReferenceExpression : IValueProvider
{
    internal ReferenceExpression(string format, IReadOnlyList<IValueProvider> valueProviders)
    {
        Format = format;
        ValueProviders = valueProviders;
    }

    /// <summary>A composite format string whose holes are <see cref="ValueProviders"/>.</summary>
    public string Format { get; }

    public IReadOnlyList<IValueProvider> ValueProviders { get; }

    public static ReferenceExpression Create(in ReferenceExpressionInterpolatedStringHandler handler) => handler.Build();

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var values = new object?[ValueProviders.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await ValueProviders[i].GetValueAsync(cancellationToken);
        }

        return string.Format(CultureInfo.InvariantCulture, Format, values);
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, Format, ValueProviders.Select(provider => (object)(provider.ToString() ?? "")).ToArray());
}
