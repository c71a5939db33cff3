using System.Collections.Concurrent;

namespace McpAspire.Dashboard.Telemetry;

/// <summary>
/// Metric series per resource: at most <c>maxSeriesPerResource</c> series each, and only points inside the window are
/// shown (each series keeps at most <see cref="PointsPerSeries"/>). Delta sums and histograms are added up into running
/// totals, so every series reads like a cumulative one.
/// </summary>
internal sealed class MetricStore(int maxSeriesPerResource, TimeSpan window, TimeProvider timeProvider)
{
    public const int PointsPerSeries = 720;

    private readonly ConcurrentDictionary<string, ResourceMetrics> _resources = new(StringComparer.Ordinal);

    public IEnumerable<string> Resources => _resources.Keys;

    public TimeSpan Window => window;

    /// <summary>Records one data point; false when the resource already has its maximum number of series.</summary>
    public bool Record(MetricIdentity identity, KeyValuePair<string, string>[] attributes, bool isDelta, DateTimeOffset time, double value, double sum)
    {
        var metrics = _resources.GetOrAdd(identity.Resource, _ => new ResourceMetrics());
        lock (metrics)
        {
            var key = (identity.Scope, identity.Name);
            if (!metrics.Instruments.TryGetValue(key, out var instrument))
            {
                instrument = new Instrument(identity);
                metrics.Instruments[key] = instrument;
            }
            else
            {
                instrument.Identity = identity;
            }

            var seriesKey = string.Join('\u001f', attributes.Select(pair => pair.Key + "\u001e" + pair.Value));
            if (!instrument.Series.TryGetValue(seriesKey, out var series))
            {
                if (metrics.SeriesCount >= maxSeriesPerResource)
                {
                    return false;
                }

                series = new Series(attributes);
                instrument.Series[seriesKey] = series;
                metrics.SeriesCount++;
            }

            if (isDelta)
            {
                series.RunningValue += value;
                series.RunningSum += sum;
            }
            else
            {
                series.RunningValue = value;
                series.RunningSum = sum;
            }

            series.Points.Add(new MetricPoint(time, series.RunningValue, series.RunningSum));
            series.Added++;
            return true;
        }
    }

    /// <summary>Every instrument (of one resource when given), with the points inside the window.</summary>
    public IReadOnlyList<MetricView> GetMetrics(string? resource)
    {
        var since = timeProvider.GetUtcNow() - window;
        var views = new List<MetricView>();
        foreach (var (name, metrics) in _resources)
        {
            if (resource is not null && !string.Equals(name, resource, StringComparison.Ordinal))
            {
                continue;
            }

            lock (metrics)
            {
                foreach (var instrument in metrics.Instruments.Values)
                {
                    var series = instrument.Series.Values
                        .Select(s => View(s, since))
                        .OrderBy(s => s.Label, StringComparer.Ordinal)
                        .ToArray();
                    var id = instrument.Identity;
                    views.Add(new MetricView(id.Resource, id.Scope, id.Name, id.Description, id.Unit, id.Kind, id.IsMonotonic, series));
                }
            }
        }

        return [.. views.OrderBy(view => view.Resource, StringComparer.Ordinal).ThenBy(view => view.Name, StringComparer.Ordinal)];
    }

    private static MetricSeriesView View(Series series, DateTimeOffset since)
    {
        var all = series.Points.Snapshot();
        var inWindow = all.Where(point => point.Time >= since).ToArray();
        var before = all.LastOrDefault(point => point.Time < since);
        double baseline;
        if (before != default)
        {
            baseline = before.Value;
        }
        else if (series.Added <= series.Points.Capacity)
        {
            // Every point is still held and none is older than the window: the series started inside it, from zero.
            baseline = 0;
        }
        else
        {
            baseline = inWindow.Length == 0 ? 0 : inWindow[0].Value;
        }

        return new MetricSeriesView(series.Attributes, inWindow, baseline);
    }

    /// <summary>
    /// For each monotonic counter whose name mentions a cache and which has an attribute whose values say hit or miss:
    /// the share of hits.
    /// </summary>
    public IReadOnlyList<CacheRatio> GetCacheRatios(string? resource)
    {
        var ratios = new List<CacheRatio>();
        foreach (var metric in GetMetrics(resource))
        {
            if (metric.Kind != MetricKind.Sum || !metric.IsMonotonic || !metric.Name.Contains("cache", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var keys = metric.Series.SelectMany(s => s.Attributes)
                .Where(pair => IsHit(pair.Value) || IsMiss(pair.Value))
                .Select(pair => pair.Key)
                .Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                double hits = 0, total = 0, hitsInWindow = 0, totalInWindow = 0;
                foreach (var series in metric.Series)
                {
                    var value = series.Attributes.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.Ordinal)).Value;
                    var latest = series.Latest?.Value ?? 0;
                    total += latest;
                    totalInWindow += series.ChangeInWindow;
                    if (value is not null && IsHit(value))
                    {
                        hits += latest;
                        hitsInWindow += series.ChangeInWindow;
                    }
                }

                ratios.Add(new CacheRatio(metric.Resource, metric.Name, key, hits, total, hitsInWindow, totalInWindow));
            }
        }

        // The other common shape: a pair of counters "<name>.hits" and "<name>.misses" (e.g. the token validation
        // cache's, whose hits also carry the tier), shown as one ratio named "<name>".
        foreach (var hitsMetric in GetMetrics(resource))
        {
            if (hitsMetric.Kind != MetricKind.Sum || !hitsMetric.IsMonotonic
                || !hitsMetric.Name.EndsWith(".hits", StringComparison.Ordinal) || !hitsMetric.Name.Contains("cache", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = hitsMetric.Name[..^".hits".Length];
            var missesMetric = GetMetrics(hitsMetric.Resource).FirstOrDefault(m =>
                m.Kind == MetricKind.Sum && m.IsMonotonic && string.Equals(m.Name, name + ".misses", StringComparison.Ordinal));
            if (missesMetric is null)
            {
                continue;
            }

            var hits = hitsMetric.Series.Sum(series => series.Latest?.Value ?? 0);
            var misses = missesMetric.Series.Sum(series => series.Latest?.Value ?? 0);
            var hitsInWindow = hitsMetric.Series.Sum(series => series.ChangeInWindow);
            var missesInWindow = missesMetric.Series.Sum(series => series.ChangeInWindow);
            ratios.Add(new CacheRatio(hitsMetric.Resource, name, "", hits, hits + misses, hitsInWindow, hitsInWindow + missesInWindow));
        }

        return ratios;
    }

    private static bool IsHit(string value) => value.Contains("hit", StringComparison.OrdinalIgnoreCase);

    private static bool IsMiss(string value) => value.Contains("miss", StringComparison.OrdinalIgnoreCase);

    private sealed class ResourceMetrics
    {
        public Dictionary<(string Scope, string Name), Instrument> Instruments { get; } = [];

        public int SeriesCount { get; set; }
    }

    private sealed class Instrument(MetricIdentity identity)
    {
        public MetricIdentity Identity { get; set; } = identity;

        public Dictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Series(KeyValuePair<string, string>[] attributes)
    {
        public KeyValuePair<string, string>[] Attributes { get; } = attributes;

        public RingBuffer<MetricPoint> Points { get; } = new(PointsPerSeries);

        public double RunningValue { get; set; }

        public double RunningSum { get; set; }

        public long Added { get; set; }
    }
}
