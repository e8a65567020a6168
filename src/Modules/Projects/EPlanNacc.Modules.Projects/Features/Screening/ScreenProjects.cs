using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Screening;

/// <summary>NACC staff mark one or many projects as conforming to their dimension or not, with a reason
/// (<c>PUT /api/v1/projects/{id}/conformity</c> for one). Provincial staff screen the LAOs of their province,
/// admins any; an LAO is refused (403) and a project outside the caller's scope is not found (404), for all or
/// none (the authorization step). A project whose mark and reason do not change is left as it is. Returns how many
/// changed. <see cref="Versions"/> holds the version the screener read of each project (the pages send them, the API
/// <c>version</c>): a project changed since is refused (409) with what changed, so that a mark never lands on content
/// its screener did not see.</summary>
[Allow(Caller.Staff)]
public sealed record ScreenProjectsCommand(
    IReadOnlyList<Guid>? ProjectIds, bool? Conforms, string? Reason = null,
    IReadOnlyDictionary<Guid, int>? Versions = null)
    : ICommand<int>, IProjectsScoped;

public sealed class ScreenProjectsValidator : AbstractValidator<ScreenProjectsCommand>
{
    public const int MaxProjects = 2000;

    public ScreenProjectsValidator()
    {
        RuleFor(x => x.ProjectIds).Cascade(CascadeMode.Stop)
            .Must(ids => ids is { Count: > 0 }).WithMessage("กรุณาเลือกโครงการอย่างน้อย 1 โครงการ")
            .Must(ids => ids!.Count <= MaxProjects)
            .WithMessage($"คัดกรองได้ครั้งละไม่เกิน {MaxProjects:#,##0} โครงการ");
        RuleFor(x => x.Conforms).NotNull().WithMessage("กรุณาเลือกว่าโครงการสอดคล้องหรือไม่สอดคล้องกับมิติ (conforms)");
        RuleFor(x => x.Reason).OptionalText("เหตุผล");
    }
}

public sealed class ScreenProjectsHandler(DbSession db, ICurrentUser user, IPublisher publisher, TimeProvider clock,
    IAuditTrail audit) : ICommandHandler<ScreenProjectsCommand, int>
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string DlaCode { get; init; } = "";
        public int FiscalYear { get; init; }
        public string Conformity { get; init; } = "";
        public string? ConformityReason { get; init; }
        public int Version { get; init; }
    }

    public async ValueTask<int> Handle(ScreenProjectsCommand command, CancellationToken ct)
    {
        var ids = command.ProjectIds!.Distinct().ToArray();
        var rows = await db.QueryAsync<Row>("""
            SELECT id, dla_code, fiscal_year, conformity, conformity_reason, version FROM projects.projects
            WHERE id = ANY(@ids) AND deleted_at IS NULL
            ORDER BY id
            FOR UPDATE
            """, new { ids }, ct);
        if (rows.Count != ids.Length) throw ProjectRows.ProjectNotFound(); // a deleted one among them
        foreach (var row in rows)
            if (command.Versions?.TryGetValue(row.Id, out var read) == true)
                await ProjectHistory.EnsureCurrentAsync(db, row.Id, read, row.Version, ct);

        var conformity = command.Conforms == true ? ProjectConformity.Conforming : ProjectConformity.NonConforming;
        var reason = ProjectValues.Clean(command.Reason);
        var changed = rows.Where(r => r.Conformity != conformity || r.ConformityReason != reason).ToList();
        if (changed.Count == 0) return 0;

        var now = clock.GetUtcNow();
        var by = ProjectHistory.Who(user);
        var versions = await db.QueryAsync<(Guid Id, int Version)>("""
            UPDATE projects.projects
            SET conformity = @conformity, conformity_reason = @reason, screened_at = @now, screened_by = @by,
                version = version + 1
            WHERE id = ANY(@ids)
            RETURNING id, version
            """, new { conformity, reason, now, by, ids = changed.Select(r => r.Id).ToArray() }, ct);
        var versionOf = versions.ToDictionary(v => v.Id, v => v.Version);
        await ProjectHistory.RecordManyAsync(db, user, ProjectChangeKinds.Screened, null,
            changed.Select(r => (r.Id, versionOf[r.Id], ProjectHistory.Between(
                    ProjectChangeRules.ScreeningFields(r.Conformity, r.ConformityReason),
                    ProjectChangeRules.ScreeningFields(conformity, reason))))
                .ToList(), now, ct);
        foreach (var (dlaCode, fiscalYear) in changed.Select(r => (r.DlaCode, r.FiscalYear)).Distinct())
            await publisher.Publish(new ProjectResultsChangedNotification(dlaCode, fiscalYear), ct);
        // one audit entry per LAO and year, however many of its projects were marked at once
        var mark = command.Conforms == true ? "สอดคล้องกับมิติ" : "ไม่สอดคล้องกับมิติ";
        foreach (var lao in changed.GroupBy(r => (r.DlaCode, r.FiscalYear)))
            await audit.RecordAsync("project.screened", lao.Key.DlaCode,
                $"{ThaiFormat.FiscalYear(lao.Key.FiscalYear)} · {mark} {lao.Count()} โครงการ" +
                (reason is null ? "" : $" · เหตุผล: {reason}"), ct);
        return changed.Count;
    }
}
