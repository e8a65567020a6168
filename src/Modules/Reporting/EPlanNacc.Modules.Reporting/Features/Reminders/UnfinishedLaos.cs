using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>An LAO that has not finished a round: no plan that year, or projects that need a report and have none.
/// With its own window (the round's dates and its extension), the names of those projects, and its coordinator as
/// its saved profile gives it (none when it never saved one).</summary>
internal sealed record UnfinishedLao(LaoInfo Lao, RoundWindow Window, LaoRoundProgress? Backlog, LaoContact? Contact)
{
    public bool PlanRecorded => Backlog is not null;

    public IReadOnlyList<string> Unreported => Backlog?.Unreported ?? [];

    /// <summary>The coordinator's address when it is one an email can go to (null otherwise).</summary>
    public string? Email => Contact is { } c && ThaiRules.IsEmail(c.Email) ? c.Email.Trim() : null;

    public bool Extended => Window.LastDay > Window.Deadline;

    /// <summary>What is missing, in Thai: "ยังไม่บันทึกแผน" or "ยังไม่รายงานผล 3 โครงการ".</summary>
    public string MissingText => PlanRecorded ? $"ยังไม่รายงานผล {Unreported.Count} โครงการ" : "ยังไม่บันทึกแผน";
}

/// <summary>Reads, through the other modules' contracts, which LAOs of a set have not finished a round: one
/// set-based query per module (each LAO's progress in the round with the names of what it has not reported, from
/// Projects; the coordinators from LocalAuthorityProfile), never one per LAO.</summary>
internal static class UnfinishedLaos
{
    public static async Task<IReadOnlyList<UnfinishedLao>> LoadAsync(ISender sender, RoundCalendar calendar,
        int round, IReadOnlyList<LaoInfo> laos, CancellationToken ct)
    {
        if (laos.Count == 0) return [];
        var backlog = (await sender.Send(new ListRoundProgressQuery(calendar.FiscalYear, round,
            laos.Select(l => l.DlaCode).ToList(), WithUnreportedNames: true), ct)).Laos.ToDictionary(b => b.DlaCode);
        var unfinished = laos.Where(l => !backlog.TryGetValue(l.DlaCode, out var b) || !b.Finished).ToList();
        if (unfinished.Count == 0) return [];
        var contacts = (await sender.Send(new ListLaoContactsQuery(unfinished.Select(l => l.DlaCode).ToList()), ct))
            .ToDictionary(c => c.DlaCode);
        var extensions = calendar.Extensions.Where(e => e.Round == round).ToDictionary(e => e.DlaCode);
        var period = calendar.Round(round);
        return unfinished.Select(l => new UnfinishedLao(l,
                new RoundWindow(calendar.FiscalYear, round, period.OpensOn, period.Deadline,
                    extensions.GetValueOrDefault(l.DlaCode)?.Until),
                backlog.GetValueOrDefault(l.DlaCode), contacts.GetValueOrDefault(l.DlaCode)))
            .ToList();
    }
}

/// <summary>What a staff caller's reminders are about: the province it names (a provincial office its own, none
/// meaning its own, another answered 404 by the scope contract), or, for an admin who names none, the nation.</summary>
internal static class ReminderScope
{
    /// <summary>The province in force, or null for the nation (an admin who names none): the scope contract's
    /// answer.</summary>
    public static async Task<ProvinceName?> ProvinceAsync(ISender sender, string? provinceCode, CancellationToken ct) =>
        await sender.Send(new GetProvinceOrNationInScopeQuery(provinceCode), ct);

    /// <summary>The LAOs of the caller's choice that have not finished a round, with the round's calendar.</summary>
    public static async Task<Unfinished> LoadAsync(ISender sender, IReminderChoice choice, CancellationToken ct)
    {
        var province = await ProvinceAsync(sender, choice.ProvinceCode, ct);
        var laos = await sender.Send(new ListLaosQuery(province?.Code), ct);
        var calendar = await sender.Send(new GetRoundCalendarQuery(choice.FiscalYear,
            province is null ? null : laos.Select(l => l.DlaCode).ToList()), ct);
        return new Unfinished(province, laos.Count, calendar.Round(choice.Round),
            await UnfinishedLaos.LoadAsync(sender, calendar, choice.Round, laos, ct));
    }

    /// <summary>"จังหวัดสงขลา" or "ทั้งประเทศ".</summary>
    public static string Describe(ProvinceName? province) =>
        province is null ? "ทั้งประเทศ" : $"จังหวัด{province.NameTh}";
}

/// <param name="Province">null: the nation.</param>
/// <param name="LaoCount">Every LAO of the province or nation, finished or not.</param>
internal sealed record Unfinished(ProvinceName? Province, int LaoCount, RoundPeriod Period,
    IReadOnlyList<UnfinishedLao> Laos);
