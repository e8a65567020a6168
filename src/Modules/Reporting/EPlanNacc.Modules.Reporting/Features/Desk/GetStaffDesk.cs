using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Contracts;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.Modules.Reporting.Features.Reminders;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Desk;

/// <summary>
/// The desk of an NACC officer (<c>/staff</c>), for its scope: a provincial office its province, an admin the nation
/// or the province it names. The reporting rounds open today with the days left to their deadline, and for each the
/// LAOs that have not finished it and the reminders emailed; the projects awaiting screening per fiscal year; the
/// report batches running; the accounts never set up or locked. Each figure is the answer of the module (or feature)
/// that owns it, asked once for the whole scope (docs/adr/0016-the-staff-desk.md).
/// </summary>
[Allow(Caller.Staff)]
public sealed record GetStaffDeskQuery(string? ProvinceCode = null) : IQuery<StaffDesk>, IProvinceOrNationScoped,
    EPlanNacc.BuildingBlocks.Data.IReadsReports;

/// <param name="ProvinceCode">The province of the desk; null for the nation.</param>
/// <param name="Provinces">The provinces an admin may narrow the desk to (none for a provincial office).</param>
/// <param name="AwaitingScreening">Per fiscal year, newest first; years without any are left out.</param>
/// <param name="Progress">For each of <paramref name="OpenRounds"/>, in its order: who has not finished it.</param>
/// <param name="Batches">The report batches queued or running in the desk's scope.</param>
public sealed record StaffDesk(
    string? ProvinceCode, string? ProvinceNameTh, int LaoCount, DateOnly Today,
    IReadOnlyList<ProvinceChoice> Provinces, IReadOnlyList<OpenRoundItem> OpenRounds,
    IReadOnlyList<ScreeningBacklog> AwaitingScreening, IReadOnlyList<DeskRoundProgress> Progress,
    IReadOnlyList<RunningReportBatch> Batches, AccountCounts Accounts)
{
    /// <summary>For the nation: when the oldest of its figures (the rounds', the screening's, the accounts') was
    /// computed (they may be a few seconds old, <see cref="RecentFigures"/>; the page says when). Null for a province:
    /// computed now.</summary>
    public DateTimeOffset? FiguresAt { get; init; }

    public int AwaitingScreeningTotal => AwaitingScreening.Sum(b => b.Projects);
}

/// <summary>One open round as the desk counts it.</summary>
/// <param name="NotReported">LAOs of the scope that have not finished the round (no plan, or a project that needs a
/// report without one), as the completeness page counts them.</param>
/// <param name="Late">LAOs that finished after their last day.</param>
/// <param name="RemindersSent">Reminders of the round emailed to the scope's LAOs so far.</param>
public sealed record DeskRoundProgress(int FiscalYear, int Round, int LaoCount, int NotReported, int Late,
    int RemindersSent, DateTimeOffset? LastReminderAt);

public sealed class GetStaffDeskHandler(ISender sender, TimeProvider clock, RecentFigures recent)
    : IQueryHandler<GetStaffDeskQuery, StaffDesk>
{
    public async ValueTask<StaffDesk> Handle(GetStaffDeskQuery query, CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceOrNationInScopeQuery(query.ProvinceCode), ct);
        // a province's LAOs by their codes alone (the desk names none); the nation's are only counted
        var laos = province is null ? [] : await sender.Send(new ListLaoPlacesQuery(province.Code), ct);
        var laoCount = province is null
            ? (await recent.GetAsync("lao-count", async () =>
                (await sender.Send(new ListLaoPlacesQuery(), CancellationToken.None)).Count)).Value
            : laos.Count;
        var choices = await sender.Send(new GetScopeChoicesQuery(province?.Code, ProvincesOnly: true), ct);
        var today = ThaiFormat.TodayInBangkok(clock);
        var rounds = await sender.Send(new ListOpenRoundsQuery(today), ct);
        DateTimeOffset? figuresAt = null;
        IReadOnlyList<ScreeningBacklog> awaiting;
        if (province is null)
        {
            // the nation's backlog as the nation's completeness: computed once for every admin waiting
            (awaiting, var at) = await recent.GetAsync("awaiting-screening",
                () => sender.Send(new CountProjectsAwaitingScreeningQuery(null), CancellationToken.None).AsTask());
            figuresAt = at;
        }
        else
        {
            awaiting = await sender.Send(
                new CountProjectsAwaitingScreeningQuery(laos.Select(l => l.DlaCode).ToList()), ct);
        }
        var progress = new List<DeskRoundProgress>();
        foreach (var r in rounds)
        {
            var figures = province is null
                ? await sender.Send(new GetNationalCompletenessQuery(r.FiscalYear, r.Round, Recent: true), ct)
                : await sender.Send(new GetCompletenessQuery(r.FiscalYear, r.Round, province.Code), ct);
            if (province is null && figures.FiguresAt < figuresAt) figuresAt = figures.FiguresAt;
            var sent = await sender.Send(new GetRemindersSentQuery(r.FiscalYear, r.Round, province?.Code), ct);
            progress.Add(new DeskRoundProgress(r.FiscalYear, r.Round, figures.Total.LaoCount,
                figures.Total.NotReported, figures.Total.Late, sent.Count, sent.LastSentAt));
        }
        var batches = (await sender.Send(new ListRunningReportBatchesQuery(), ct)).Batches
            .Where(b => province is null || b.ProvinceCode == province.Code).ToList();
        AccountCounts accounts;
        if (province is null)
        {
            (accounts, var at) = await recent.GetAsync("accounts",
                () => sender.Send(new CountAccountsQuery(null), CancellationToken.None).AsTask());
            if (at < figuresAt) figuresAt = at;
        }
        else
        {
            accounts = await sender.Send(new CountAccountsQuery(province.Code), ct);
        }
        return new StaffDesk(province?.Code, province?.NameTh, laoCount, today,
            choices.Provinces.Count > 1 ? choices.Provinces : [], rounds, awaiting, progress, batches, accounts)
        {
            FiguresAt = figuresAt,
        };
    }
}
