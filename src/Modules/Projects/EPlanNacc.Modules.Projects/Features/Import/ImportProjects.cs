using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Mediation;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>Reads an uploaded plan (.xlsx, the template's columns) for the signed-in LAO and a fiscal year, and says
/// for every row whether it can be saved and why not, in Thai. Saves nothing.</summary>
[Allow(Caller.Lao)]
[Limited(Usage.Import)]
public sealed record PreviewProjectImportQuery(int? FiscalYear, byte[]? File) : IQuery<ProjectImportPreview>;

/// <param name="FileError">Why the file as a whole cannot be read (no row is then listed).</param>
public sealed record ProjectImportPreview(int FiscalYear, string? FileError, IReadOnlyList<ImportRowResult> Rows)
{
    public int ValidCount => Rows.Count(r => r.IsValid);
    public int InvalidCount => Rows.Count - ValidCount;
}

/// <summary>Imports an uploaded plan: every valid row becomes a project of the signed-in LAO, all in one
/// transaction; with <see cref="AllOrNothing"/>, nothing is saved when any row has an error. The rows are read and
/// checked exactly as the preview did. Returns what was saved and each row's errors. The file is read before the
/// transaction opens (<see cref="IOpensItsOwnTransaction"/>): a file made to cost time never holds a transaction or
/// the import's lock.</summary>
[Allow(Caller.Lao)]
[Limited(Usage.Import)]
public sealed record ImportProjectsCommand(int? FiscalYear, byte[]? File, bool AllOrNothing)
    : ICommand<ProjectImportResult>, IOpensItsOwnTransaction;

public sealed record ProjectImportResult(int Saved, string? FileError, IReadOnlyList<ImportRowResult> Rows)
{
    public int InvalidCount => Rows.Count(r => !r.IsValid);
}

internal static class ImportRules
{
    public static void FileAndYear<T>(AbstractValidator<T> v, Func<T, int?> year, Func<T, byte[]?> file)
    {
        v.RuleFor(x => year(x)).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณาเลือกปีงบประมาณ")
            .ValidFiscalYear()
            .OverridePropertyName("FiscalYear");
        v.RuleFor(x => file(x)).Cascade(CascadeMode.Stop)
            .Must(f => f is { Length: > 0 }).WithMessage("กรุณาเลือกไฟล์ Excel (.xlsx) ที่จะนำเข้า")
            .Must(f => f!.Length <= ProjectImportLimits.MaxFileBytes).WithMessage(ProjectImportLimits.FileTooLarge)
            .OverridePropertyName("File");
    }
}

public sealed class PreviewProjectImportValidator : AbstractValidator<PreviewProjectImportQuery>
{
    public PreviewProjectImportValidator() => ImportRules.FileAndYear(this, x => x.FiscalYear, x => x.File);
}

public sealed class ImportProjectsValidator : AbstractValidator<ImportProjectsCommand>
{
    public ImportProjectsValidator() => ImportRules.FileAndYear(this, x => x.FiscalYear, x => x.File);
}

public sealed class PreviewProjectImportHandler(DbSession db, ICurrentUser user, IValidator<ProjectImportRow> validator)
    : IQueryHandler<PreviewProjectImportQuery, ProjectImportPreview>
{
    public async ValueTask<ProjectImportPreview> Handle(PreviewProjectImportQuery query, CancellationToken ct)
    {
        var dlaCode = user.OwnDlaCode();
        var check = await new ProjectImportReader(db, validator)
            .CheckAsync(ProjectSheet.Read(query.File!, ct), query.FiscalYear!.Value, dlaCode, ct);
        return new ProjectImportPreview(query.FiscalYear.Value, check.FileError,
            check.Rows.Select(r => r.Result).ToList());
    }
}

public sealed class ImportProjectsHandler(DbSession db, ICurrentUser user, IValidator<ProjectImportRow> validator,
    DimensionTrees trees, IPublisher publisher, TimeProvider clock, IOptions<ProjectsOptions> options)
        : ICommandHandler<ImportProjectsCommand, ProjectImportResult>
{
    public async ValueTask<ProjectImportResult> Handle(ImportProjectsCommand command, CancellationToken ct)
    {
        // first the file, outside any transaction: a file that is refused never took the lock
        var sheet = ProjectSheet.Read(command.File!, ct);
        if (sheet.FileError is not null) return new ProjectImportResult(0, sheet.FileError, []);
        return await db.InTransactionAsync(() => SaveAsync(command, sheet, ct), ct);
    }

    private async Task<ProjectImportResult> SaveAsync(ImportProjectsCommand command, ProjectSheet sheet,
        CancellationToken ct)
    {
        var dlaCode = user.OwnDlaCode();
        var year = command.FiscalYear!.Value;
        // one import at a time per LAO, so that two uploads of the same file cannot both pass the duplicate check
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('projects.import:' || @dlaCode))",
            new { dlaCode }, ct);
        var check = await new ProjectImportReader(db, validator).CheckAsync(sheet, year, dlaCode, ct);
        var results = check.Rows.Select(r => r.Result).ToList();
        var valid = check.Rows.Where(r => r.Result.IsValid).ToList();
        if (check.FileError is not null || valid.Count == 0 || (command.AllOrNothing && valid.Count < check.Rows.Count))
            return new ProjectImportResult(0, check.FileError, results);

        await ProjectCap.EnsureRoomAsync(db, dlaCode, year, valid.Count, options.Value.MaxProjectsPerLaoYear, ct);
        var tree = (await trees.ForYearAsync(year, ct))!;
        var projects = valid.Select(r =>
            (Id: Guid.CreateVersion7(), Values: ProjectValues.From(r.Row, tree.PlanPeriod))).ToList();
        var now = clock.GetUtcNow();
        await ProjectStore.InsertAsync(db, projects, dlaCode, ProjectHistory.Who(user), now, ct);
        await ProjectHistory.RecordManyAsync(db, user, ProjectChangeKinds.Imported, null,
            projects.Select(p => (p.Id, 1, ProjectHistory.AllNew(p.Values.Fields()))).ToList(), now, ct);
        await publisher.Publish(new ProjectResultsChangedNotification(dlaCode, year), ct);
        return new ProjectImportResult(projects.Count, null, results);
    }
}
