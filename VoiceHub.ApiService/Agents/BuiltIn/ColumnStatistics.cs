namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>A least-squares line over row order: value ≈ intercept + slope × row.</summary>
internal sealed record Trend(double Slope, double Intercept, double? RSquared);

/// <summary>Values outside Tukey's fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR).</summary>
internal sealed record Outliers(double LowerFence, double UpperFence, IReadOnlyList<(int Row, double Value)> Values)
{
    public const string Method = "IQR (Tukey's fences: below Q1 − 1.5·IQR or above Q3 + 1.5·IQR)";
}

/// <summary>Descriptive statistics of one numeric column.</summary>
internal sealed record ColumnStatistics(
    string Column, int Count, double Mean, double Median, double P95, double Min, double Max, double? Std, Trend? Trend, Outliers Outliers)
{
    /// <summary>
    /// Computes everything from (row, value) pairs. Percentiles interpolate linearly between
    /// ranks (rank = p·(n − 1)); std is the sample standard deviation (n − 1), absent for one value.
    /// Outliers use the IQR rule because |z| &gt; 3 cannot occur at all in samples under 11 values.
    /// </summary>
    public static ColumnStatistics Compute(string column, IReadOnlyList<(int Row, double Value)> values)
    {
        var sorted = values.Select(v => v.Value).Order().ToArray();
        var n = sorted.Length;
        var mean = sorted.Average();
        double? std = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : null;
        var q1 = Percentile(sorted, 0.25);
        var q3 = Percentile(sorted, 0.75);
        var iqr = q3 - q1;
        var (lower, upper) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
        var outliers = values.Where(v => v.Value < lower || v.Value > upper).ToList();
        return new ColumnStatistics(column, n, mean, Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[0], sorted[^1], std,
            FitTrend(values), new Outliers(lower, upper, outliers));
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    /// <summary>Ordinary least squares of value on row index; null with fewer than two rows.</summary>
    public static Trend? FitTrend(IReadOnlyList<(int Row, double Value)> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var meanX = values.Average(v => (double)v.Row);
        var meanY = values.Average(v => v.Value);
        var sxx = values.Sum(v => (v.Row - meanX) * (v.Row - meanX));
        var sxy = values.Sum(v => (v.Row - meanX) * (v.Value - meanY));
        var slope = sxy / sxx;
        var intercept = meanY - slope * meanX;
        var ssTotal = values.Sum(v => (v.Value - meanY) * (v.Value - meanY));
        var ssResidual = values.Sum(v => Math.Pow(v.Value - (intercept + slope * v.Row), 2));
        // A constant column has no variance to explain; r² is undefined rather than 0 or 1.
        double? rSquared = ssTotal == 0 ? null : Math.Clamp(1 - ssResidual / ssTotal, 0, 1);
        return new Trend(slope, intercept, rSquared);
    }
}
