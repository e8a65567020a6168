using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>
/// Starts a bulk report: one report (<see cref="ReportBatchKinds"/>) of a fiscal year and round for the nation
/// (<see cref="ProvinceCode"/> null: admins only, anyone else 403) or one province (a provincial office its own,
/// another 404). <c>POST /api/v1/admin/report-batches</c>. Writes the batch and one item per file it will produce, in
/// one transaction, and queues its run once that commits; a batch of the same report and scope still queued or
/// running is answered instead of starting a second one. Returns the batch's id.
/// </summary>
[Allow(Caller.Staff)]
public sealed record CreateReportBatchCommand(string? Kind, int? FiscalYear, int? Round, string? ProvinceCode)
    : ICommand<Guid>;

public sealed class CreateReportBatchValidator : AbstractValidator<CreateReportBatchCommand>
{
    public CreateReportBatchValidator()
    {
        RuleFor(x => x.Kind).Must(ReportBatchKinds.IsKind).WithMessage(ReportBatchKinds.KindMessage);
        RuleFor(x => x.FiscalYear).NotNull().WithMessage("กรุณาระบุปีงบประมาณ (fiscalYear)").ValidFiscalYear();
        RuleFor(x => x.Round).NotNull().WithMessage(CodeRules.RoundMessage)
            .Must(r => r is null || BuildingBlocks.Thai.FiscalYear.IsRound(r.Value))
            .WithMessage(CodeRules.RoundMessage);
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
    }
}

public sealed class CreateReportBatchHandler(
    DbSession db, ISender sender, ICurrentUser user, IJobScheduler jobs, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<CreateReportBatchCommand, Guid>
{
    /// <summary>The audit action of a batch started (a request that joins a running batch records nothing).</summary>
    public const string StartedAction = "report_batch.started";

    public async ValueTask<Guid> Handle(CreateReportBatchCommand command, CancellationToken ct)
    {
        var (kind, year, round) = (command.Kind!, command.FiscalYear!.Value, command.Round!.Value);
        ProvinceName? scope = null;
        if (string.IsNullOrWhiteSpace(command.ProvinceCode))
        {
            if (user.Role != UserRole.Admin) throw new ForbiddenException(ReportBatchScope.NationAdminOnly);
        }
        else
        {
            scope = await sender.Send(new GetProvinceInScopeQuery(command.ProvinceCode.Trim()), ct);
        }
        var province = scope?.Code;

        // one batch of a report and scope at a time: a second request (a double click, a retried call) joins it
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('reporting.report_batches'))", ct: ct);
        var running = await db.QueryFirstOrDefaultAsync<Guid?>("""
            SELECT id FROM reporting.report_batches
            WHERE kind = @kind AND fiscal_year = @year AND round = @round
              AND province_code IS NOT DISTINCT FROM @province AND status IN ('queued', 'running')
            ORDER BY requested_at DESC
            LIMIT 1
            """, new { kind, year, round, province }, ct);
        if (running is { } existing) return existing;

        var items = ReportBatchItems.Of(kind, await sender.Send(new ListLaosQuery(province), ct), scope);
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            INSERT INTO reporting.report_batches
                (id, kind, fiscal_year, round, province_code, requested_by, requested_at, total)
            VALUES (@id, @kind, @year, @round, @province, @by, @now, @total)
            """, new
        {
            id, kind, year, round, province, by = user.Username ?? "system", now = clock.GetUtcNow(),
            total = items.Count
        }, ct);
        await db.ExecuteAsync("""
            INSERT INTO reporting.report_batch_items (batch_id, seq, province_code, dla_code, title)
            SELECT @id, i.seq, i.province_code, i.dla_code, i.title
            FROM unnest(@seqs, @provinces, @dlaCodes, @titles) AS i(seq, province_code, dla_code, title)
            """, new
        {
            id, seqs = items.Select((_, i) => i + 1).ToArray(), provinces = items.Select(i => i.ProvinceCode).ToArray(),
            dlaCodes = items.Select(i => i.DlaCode).ToArray(), titles = items.Select(i => i.Title).ToArray(),
        }, ct);
        await audit.RecordAsync(StartedAction, null,
            $"ออกรายงานแบบกลุ่ม {ReportBatchKinds.NameTh(kind)} {ThaiFormat.FiscalYear(year)} " +
            $"{ThaiFormat.RoundName(round)} {ReportBatchKinds.ScopeNameTh(scope?.NameTh)} ({items.Count:N0} ไฟล์)", ct);
        await jobs.EnqueueAfterCommit(db, new RunReportBatchCommand(id));
        return id;
    }
}

/// <summary>The files a batch produces, in the zip's order: per province (by code), its roll-up, then for the LAO
/// reports each of its LAOs (by district, then name).</summary>
internal static class ReportBatchItems
{
    public sealed record Item(string ProvinceCode, string? DlaCode, string Title);

    /// <param name="province">The province when the batch is one province's (whose roll-up is printed even when it
    /// has no LAO), null for the nation.</param>
    public static IReadOnlyList<Item> Of(string kind, IReadOnlyList<LaoInfo> laos, ProvinceName? province)
    {
        var provinces = laos.GroupBy(l => (l.ProvinceCode, l.ProvinceNameTh)).Select(g => g.Key).ToList();
        if (province is not null && provinces.All(p => p.ProvinceCode != province.Code))
            provinces.Add((province.Code, province.NameTh));
        var items = new List<Item>();
        foreach (var (code, name) in provinces.OrderBy(p => p.ProvinceCode, StringComparer.Ordinal))
        {
            items.Add(new Item(code, null, $"{ProvinceReportTitle} จังหวัด{name}"));
            if (ReportBatchKinds.PerLao(kind))
                items.AddRange(laos.Where(l => l.ProvinceCode == code)
                    .Select(l => new Item(code, l.DlaCode, ReportPlaces.Describe(l))));
        }
        return items;
    }

    private const string ProvinceReportTitle = "รายงานระดับจังหวัด";
}
