using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace McpAspire.Hosting;

/// <summary>Turns <c>$"{endpoint}/mcp"</c> into a <see cref="ReferenceExpression"/>: literals stay, values become holes.</summary>
[InterpolatedStringHandler]
public ref struct ReferenceExpressionInterpolatedStringHandler
{
    private readonly StringBuilder _format;
    private readonly List<IValueProvider> _values;

    public ReferenceExpressionInterpolatedStringHandler(int literalLength, int formattedCount)
    {
        _format = new StringBuilder(literalLength + (formattedCount * 4));
        _values = new List<IValueProvider>(formattedCount);
    }

    public readonly void AppendLiteral(string value) => _format.Append(value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    public readonly void AppendFormatted(string? value) => AppendLiteral(value ?? "");

    public readonly void AppendFormatted(IValueProvider value)
    {
        _format.Append(CultureInfo.InvariantCulture, $"{{{_values.Count}}}");
        _values.Add(value);
    }

    public readonly void AppendFormatted<T>(IResourceBuilder<T> value)
        where T : IResource, IValueProvider => AppendFormatted((IValueProvider)value.Resource);

    internal readonly ReferenceExpression Build() => new(_format.ToString(), _values);
}
