using System.Diagnostics.Metrics;
using EPlanNacc.BuildingBlocks.Telemetry;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EPlanNacc.Modules.Identity.Features.Emails;

/// <summary>The email outbox's gauge (docs/adr/0032-telemetry.md): <c>eplan.outbox.emails</c>, the emails waiting
/// to be sent (<c>state=pending</c>) and those given up after <see cref="SendPendingEmailsHandler.MaxAttempts"/>
/// attempts (<c>state=given_up</c>), read with one statement over the outbox's partial index of unsent emails, at
/// most once per <see cref="AppMeters.GaugeLifetime"/>.</summary>
internal sealed class OutboxMetrics : IMetricsSource
{
    public const string MeterName = AppMeters.Prefix + "Identity";

    private readonly NpgsqlDataSource _dataSource;
    private readonly CachedReading<(long Pending, long GivenUp)> _counts;

    public OutboxMetrics(IMeterFactory meters, NpgsqlDataSource dataSource, TimeProvider clock,
        ILogger<OutboxMetrics> logger)
    {
        _dataSource = dataSource;
        _counts = new(clock, AppMeters.GaugeLifetime, Count, (0, 0), logger);
        meters.Create(MeterName).CreateObservableGauge("eplan.outbox.emails", Observe, "{email}",
            "Emails of the outbox not sent: pending (to be tried) or given_up (every attempt failed)");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var (pending, givenUp) = _counts.Value;
        return
        [
            new(pending, new KeyValuePair<string, object?>("state", "pending")),
            new(givenUp, new KeyValuePair<string, object?>("state", "given_up")),
        ];
    }

    private (long, long) Count()
    {
        using var command = _dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE attempts < $1), count(*) FILTER (WHERE attempts >= $1)
            FROM identity.outbound_emails WHERE sent_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = SendPendingEmailsHandler.MaxAttempts });
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
