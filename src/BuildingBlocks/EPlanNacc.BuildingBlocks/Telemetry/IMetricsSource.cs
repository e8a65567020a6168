namespace EPlanNacc.BuildingBlocks.Telemetry;

/// <summary>A singleton that publishes metrics of its module (observable gauges over its tables): registered as
/// this interface, created by the host at start (docs/adr/0032-telemetry.md), so that its instruments exist before
/// the first scrape. Its meter's name starts with <see cref="AppMeters.Prefix"/>, which the host exports.</summary>
public interface IMetricsSource;

public static class AppMeters
{
    /// <summary>The prefix of every meter and activity source of the application's own.</summary>
    public const string Prefix = "EPlanNacc.";

    /// <summary>How long a gauge read from the database is kept (<see cref="CachedReading{T}"/>).</summary>
    public static readonly TimeSpan GaugeLifetime = TimeSpan.FromSeconds(15);
}
