using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EPlanNacc.BuildingBlocks.Telemetry;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EPlanNacc.Host.Infrastructure;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Where traces go by OTLP (an OpenTelemetry collector, Jaeger, Tempo: <c>http://127.0.0.1:4317</c>);
    /// empty (the default): no traces are recorded nor sent.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317, the default) or <c>http</c> (OTLP over HTTP/protobuf, port 4318).</summary>
    [RegularExpression("^(grpc|http)$")] public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>A port of its own for Prometheus, where <c>/metrics</c> answers without signing in and nothing else
    /// is served; none by default (then only a signed-in admin reads <c>/metrics</c>).</summary>
    [Range(1, 65535)] public int? MetricsPort { get; set; }

    /// <summary>The address the metrics port listens on: loopback unless set otherwise.</summary>
    public string MetricsAddress { get; set; } = "127.0.0.1";
}

/// <summary>What the host tells operators (docs/adr/0032-telemetry.md): OpenTelemetry metrics of ASP.NET Core, Npgsql,
/// the runtime, Hangfire's queues, the printer and the outbox, read by Prometheus at <c>/metrics</c>; traces of
/// requests, statements and jobs by OTLP when <see cref="TelemetryOptions.OtlpEndpoint"/> names a collector; and
/// logs whose every line carries the trace and span of its request (JSON on the console in Production).</summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The host's own activity source (one span per Hangfire job: <see cref="JobTelemetryFilter"/>).</summary>
    public static readonly ActivitySource Jobs = new(AppMeters.Prefix + "Jobs");

    public static WebApplicationBuilder AddAppTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var o = section.Get<TelemetryOptions>() ?? new TelemetryOptions();

        // every log line inside a request carries its trace and span (a scope: the JSON console writes it)
        builder.Logging.Configure(l => l.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (o.MetricsPort is { } port)
        {
            // added to the addresses the host serves (ASPNETCORE_URLS or --urls; Kestrel's default when none)
            var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
            if (string.IsNullOrWhiteSpace(urls)) urls = "http://localhost:5000";
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, $"{urls};http://{o.MetricsAddress}:{port}");
        }

        services.AddSingleton<IMetricsSource, JobMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("E-PlanNACC", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(AppMeters.Prefix + "*")
                .AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 1000));
        if (!string.IsNullOrWhiteSpace(o.OtlpEndpoint))
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(a => a.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments("/health")
                    && !ctx.Request.Path.StartsWithSegments(MetricsPath))
                .AddNpgsql()
                .AddSource(Jobs.Name)
                .AddOtlpExporter(e =>
                {
                    e.Endpoint = new Uri(o.OtlpEndpoint);
                    e.Protocol = o.OtlpProtocol == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                }));
        }
        return builder;
    }

    /// <summary>Before the rest of the pipeline: the metrics port (if any) serves <c>/metrics</c> to anyone who reaches
    /// it and answers 404 to everything else; the public port serves <c>/metrics</c> to a signed-in admin (a page
    /// session or an API bearer token), 401 to a visitor, 403 to anyone else (a set-up session too).</summary>
    public static WebApplication UseAppTelemetry(this WebApplication app)
    {
        foreach (var _ in app.Services.GetServices<IMetricsSource>()) { } // their instruments exist from now on
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value
                .MetricsPort is { } port)
        {
            app.MapWhen(ctx => ctx.Connection.LocalPort == port, metrics =>
            {
                metrics.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
                metrics.Run(ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });
        }
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null,
            configureBranchedPipeline: metrics => metrics.Use(async (ctx, next) =>
            {
                if (ctx.User.Identity?.IsAuthenticated != true)
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else if (!await ctx.AdmitsAsync(Policies.Admin) || ctx.User.IsSetupSession()
                         || ctx.User.MustChangePassword())
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                else
                    await next();
            }), optionsName: null)
            // the gate above decides, as on the jobs' dashboard: not the pages' policies nor the set-up gate
            .AllowAnonymous();
        return app;
    }

    /// <summary>Whether the bearer scheme authenticates this request: the API, and <c>/metrics</c> asked with a
    /// bearer token (a scraper with an admin's token); the pages, and <c>/metrics</c> from a browser, use the
    /// cookie.</summary>
    public static bool UsesBearer(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        || (request.Path.StartsWithSegments(MetricsPath) && request.Headers.Authorization.Count > 0);
}

/// <summary>Hangfire's queues as gauges, from its monitoring API, read at most once per
/// <see cref="AppMeters.GaugeLifetime"/> whatever the number of scrapes: <c>eplan.jobs</c> by state (enqueued,
/// scheduled, processing, failed, retrying; Hangfire keeps these per state, not per queue) and
/// <c>eplan.jobs.queue.length</c> per queue (enqueued, and fetched by a worker).</summary>
internal sealed class JobMetrics : IMetricsSource
{
    public const string MeterName = AppMeters.Prefix + "Jobs";

    /// <summary>The queues the application uses: reported even when empty.</summary>
    private static readonly string[] KnownQueues = ["default"];

    private sealed record Snapshot(
        long Enqueued, long Scheduled, long Processing, long Failed, long Retrying,
        IReadOnlyList<(string Queue, long Enqueued, long Fetched)> Queues);

    private readonly JobStorage _storage;
    private readonly CachedReading<Snapshot> _snapshot;

    public JobMetrics(IMeterFactory meters, JobStorage storage, TimeProvider clock, ILogger<JobMetrics> logger)
    {
        _storage = storage;
        _snapshot = new(clock, AppMeters.GaugeLifetime, Read,
            new Snapshot(0, 0, 0, 0, 0, [.. KnownQueues.Select(q => (q, 0L, 0L))]), logger);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("eplan.jobs", ObserveStates, "{job}",
            "Hangfire jobs by state: enqueued, scheduled, processing, failed, retrying");
        meter.CreateObservableGauge("eplan.jobs.queue.length", ObserveQueues, "{job}",
            "Hangfire jobs of a queue: enqueued (waiting for a worker) or fetched (taken by a worker)");
    }

    private Snapshot Read()
    {
        var api = _storage.GetMonitoringApi();
        var statistics = api.GetStatistics();
        var queues = api.Queues().ToDictionary(q => q.Name, q => (q.Length, q.Fetched ?? 0L));
        foreach (var known in KnownQueues) queues.TryAdd(known, (0, 0));
        return new Snapshot(statistics.Enqueued, statistics.Scheduled, statistics.Processing, statistics.Failed,
            statistics.Retries ?? 0, [.. queues.Select(q => (q.Key, q.Value.Length, q.Value.Item2))]);
    }

    private IEnumerable<Measurement<long>> ObserveStates()
    {
        var s = _snapshot.Value;
        return
        [
            new(s.Enqueued, State("enqueued")), new(s.Scheduled, State("scheduled")),
            new(s.Processing, State("processing")), new(s.Failed, State("failed")), new(s.Retrying, State("retrying")),
        ];
    }

    private IEnumerable<Measurement<long>> ObserveQueues() => _snapshot.Value.Queues.SelectMany(q => new[]
    {
        new Measurement<long>(q.Enqueued, new("queue", q.Queue), State("enqueued")),
        new Measurement<long>(q.Fetched, new("queue", q.Queue), State("fetched")),
    });

    private static KeyValuePair<string, object?> State(string state) => new("state", state);
}

/// <summary>A span per job execution (<see cref="Telemetry.Jobs"/>, named after the job's command) and its run time in
/// <c>eplan.jobs.duration</c>: a Hangfire server filter, so that every job of every queue is seen, whoever enqueued
/// it. The span is the current activity while the job runs, so the job's statements are its children.</summary>
public sealed class JobTelemetryFilter : JobFilterAttribute, IServerFilter
{
    private const string Key = "eplan.telemetry";
    private static readonly Meter Meter = new(JobMetrics.MeterName + ".Runs");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("eplan.jobs.duration", "s",
        "Run time of a Hangfire job");

    public void OnPerforming(PerformingContext context)
    {
        var command = CommandOf(context.BackgroundJob.Job);
        var activity = Telemetry.Jobs.StartActivity($"job {command}");
        activity?.SetTag("job.id", context.BackgroundJob.Id);
        activity?.SetTag("job.command", command);
        context.Items[Key] = new Run(activity, Stopwatch.GetTimestamp(), command);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(Key, out var value) || value is not Run run) return;
        var failed = context.Exception is not null && !context.ExceptionHandled;
        Duration.Record(Stopwatch.GetElapsedTime(run.Started).TotalSeconds,
            new KeyValuePair<string, object?>("command", run.Command),
            new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded"));
        if (run.Activity is not { } activity) return;
        if (failed) activity.SetStatus(ActivityStatusCode.Error, context.Exception!.GetType().Name);
        activity.Dispose();
    }

    private sealed record Run(Activity? Activity, long Started, string Command);

    /// <summary>The command a job runs (the first argument of <see cref="CommandJob.RunAsync"/>), or the
    /// method.</summary>
    private static string CommandOf(Job job) =>
        job.Type == typeof(CommandJob) && job.Args.Count > 0 && job.Args[0] is string name ? name : job.Method.Name;
}
