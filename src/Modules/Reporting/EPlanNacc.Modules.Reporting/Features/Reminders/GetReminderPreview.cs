using System.Text.Json.Serialization;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>
/// Who a reminder of a round goes to, whatever the day (<c>GET /api/v1/admin/reminders/preview</c>): every LAO of the
/// province (a provincial office its own; an admin any, or the nation when it names none) that has not finished the
/// round (no plan that year, or a project that needs a report and has none), with its coordinator's address and what
/// is missing; and, for the staff's page, one email as it would be sent today (to <see cref="SampleDlaCode"/>, else to
/// the first recipient with an address), the days of the automatic reminders, and the LAOs' own deadlines.
/// </summary>
[Allow(Caller.Staff)]
public sealed record GetReminderPreviewQuery(int FiscalYear, int Round, string? ProvinceCode,
    string? SampleDlaCode = null) : IQuery<ReminderPreview>, IReminderChoice;

/// <summary>The answer of the API as docs/api.md gives it; what only the page shows is left out of the JSON.</summary>
public sealed record ReminderPreview(int FiscalYear, int Round, DateOnly Deadline,
    IReadOnlyList<ReminderRecipient> Recipients)
{
    /// <summary>The province shown (null: the nation).</summary>
    [JsonIgnore] public string? ProvinceCode { get; init; }
    /// <summary>"จังหวัดสงขลา" or "ทั้งประเทศ".</summary>
    [JsonIgnore] public string ScopeNameTh { get; init; } = "";
    [JsonIgnore] public DateOnly OpensOn { get; init; }
    /// <summary>Every LAO of the province or the nation, finished or not.</summary>
    [JsonIgnore] public int LaoCount { get; init; }
    /// <summary>The days of the automatic reminders of the round (without extensions).</summary>
    [JsonIgnore] public IReadOnlyList<ReminderDay> Schedule { get; init; } = [];
    /// <summary>One email as it would be sent today (null when no recipient has an address).</summary>
    [JsonIgnore] public ReminderSample? Sample { get; init; }
}

/// <param name="Email">The coordinator's address from the LAO's saved basic data (null: none to send to).</param>
public sealed record ReminderRecipient(string DlaCode, string NameTh, string? Email, ReminderMissing Missing)
{
    [JsonIgnore] public string DistrictNameTh { get; init; } = "";
    /// <summary>The LAO's own last day: the round's deadline, or its extension.</summary>
    [JsonIgnore] public DateOnly LastDay { get; init; }
    [JsonIgnore] public bool Extended { get; init; }
    /// <summary>"ยังไม่บันทึกแผน" or "ยังไม่รายงานผล 3 โครงการ".</summary>
    [JsonIgnore] public string MissingText { get; init; } = "";
    [JsonIgnore] public IReadOnlyList<string> UnreportedNames { get; init; } = [];
}

/// <param name="PlanRecorded">False when the LAO recorded no project that fiscal year.</param>
/// <param name="UnreportedProjects">How many projects need a report in the round and have none.</param>
public sealed record ReminderMissing(bool PlanRecorded, int UnreportedProjects);

public sealed record ReminderDay(string Step, string Label, DateOnly Day, bool Passed);

public sealed record ReminderSample(string DlaCode, string To, string Subject, string HtmlBody, string TextBody);

public sealed class GetReminderPreviewValidator : ReminderChoiceValidator<GetReminderPreviewQuery>
{
    public GetReminderPreviewValidator() => RuleFor(x => x.SampleDlaCode).DlaCodeOrEmpty();
}

public sealed class GetReminderPreviewHandler(ISender sender, TimeProvider clock)
    : IQueryHandler<GetReminderPreviewQuery, ReminderPreview>
{
    public async ValueTask<ReminderPreview> Handle(GetReminderPreviewQuery query, CancellationToken ct)
    {
        var found = await ReminderScope.LoadAsync(sender, query, ct);
        var today = ThaiFormat.TodayInBangkok(clock);
        var sample = found.Laos.FirstOrDefault(u => u.Lao.DlaCode == query.SampleDlaCode?.Trim() && u.Email is not null)
                     ?? found.Laos.FirstOrDefault(u => u.Email is not null);
        var email = sample is null ? null
            : ReminderEmails.ToLao(sample, sample.Email!, today, await sender.Send(new GetPublicBaseUrlQuery(), ct));
        return new ReminderPreview(query.FiscalYear, query.Round, found.Period.Deadline,
            found.Laos.Select(u => new ReminderRecipient(u.Lao.DlaCode, u.Lao.NameTh, u.Email,
                new ReminderMissing(u.PlanRecorded, u.Unreported.Count))
            {
                DistrictNameTh = u.Lao.DistrictNameTh, LastDay = u.Window.LastDay, Extended = u.Extended,
                MissingText = u.MissingText, UnreportedNames = u.Unreported,
            }).ToList())
        {
            ProvinceCode = found.Province?.Code,
            ScopeNameTh = ReminderScope.Describe(found.Province),
            OpensOn = found.Period.OpensOn,
            LaoCount = found.LaoCount,
            Schedule = ReminderSteps.Schedule(found.Period)
                .Select(s => new ReminderDay(s.Step, ReminderSteps.Label(s.Step), s.Day, s.Day < today)).ToList(),
            Sample = email is null ? null
                : new ReminderSample(sample!.Lao.DlaCode, email.To, email.Subject, email.HtmlBody, email.TextBody),
        };
    }
}
