namespace VoiceHub.Web.Components.Shared;

/// <summary>One line of a <see cref="LineChart"/>.</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<double> Values);
