using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>
/// The morning job (08:00 Asia/Bangkok, Host/Infrastructure/RecurringJobs.cs): finds the provinces where a reminder
/// is due on the day (<see cref="On"/>, else today in Bangkok): an LAO with a coordinator on file at one of its steps,
/// or every province the day after a round's deadline. It queues, once this commits, one
/// <see cref="SendProvinceRemindersCommand"/> per province, each its own job and transaction: a province that fails is
/// retried alone, and a run started again (the job triggered twice, a host restarted) sends only what is missing.
/// Returns how many provinces were queued.
/// </summary>
[Allow(Caller.Module)]
public sealed record SendDueRemindersCommand(DateOnly? On = null) : ICommand<int>;

public sealed class SendDueRemindersHandler(ISender sender, DbSession db, IJobScheduler jobs, TimeProvider clock)
    : ICommandHandler<SendDueRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendDueRemindersCommand command, CancellationToken ct)
    {
        var day = command.On ?? ThaiFormat.TodayInBangkok(clock);
        var laos = await sender.Send(new ListLaosQuery(), ct);
        var provinces = new SortedSet<string>(StringComparer.Ordinal);
        var due = new Dictionary<string, string>(); // an LAO with a step today, and its province
        foreach (var year in ReminderSteps.YearsAround(day))
        {
            var calendar = await sender.Send(new GetRoundCalendarQuery(year), ct);
            foreach (var round in FiscalYear.Rounds)
            {
                if (ReminderSteps.ListDueOn(calendar.Round(round), day))
                    provinces.UnionWith(laos.Select(l => l.ProvinceCode));
                foreach (var lao in laos.Where(l =>
                             ReminderSteps.DueFor(calendar.WindowFor(round, l.DlaCode), day) is not null))
                    due[lao.DlaCode] = lao.ProvinceCode;
            }
        }
        // a reminder goes only where a coordinator is on file: an LAO that never saved its basic data has none
        if (due.Count > 0)
            provinces.UnionWith((await sender.Send(new ListLaoContactsQuery(due.Keys.ToList()), ct))
                .Select(c => due[c.DlaCode]));
        foreach (var province in provinces)
            await jobs.EnqueueAfterCommit(db, new SendProvinceRemindersCommand(day, province));
        return provinces.Count;
    }
}

/// <summary>
/// The reminders of one province due on <see cref="On"/>, in one transaction: to the coordinator of each LAO that has
/// not finished a round at one of its steps (14, 7, 3 and 1 days before its own last day), when its saved basic data
/// gives an address (the staff's page lists those without one), and, the day after a
/// round's deadline, the list of its LAOs still missing to the province's office (every provincial account with an
/// address; none: recorded as not sent, for staff to see). Each reminder is written in the send log with its emails
/// (<see cref="ReminderLog"/>): run twice, it sends nothing the second time. What it sent is recorded in the audit
/// trail (<c>reminders.sent</c>). Returns how many emails it queued.
/// </summary>
[Allow(Caller.Module)]
public sealed record SendProvinceRemindersCommand(DateOnly On, string ProvinceCode) : ICommand<int>;

public sealed class SendProvinceRemindersValidator : AbstractValidator<SendProvinceRemindersCommand>
{
    public SendProvinceRemindersValidator() =>
        RuleFor(x => x.ProvinceCode).NotEmpty().WithMessage(CodeRules.ProvinceCodeMessage).ProvinceCodeOrEmpty();
}

public sealed class SendProvinceRemindersHandler(
    ISender sender, DbSession db, ICurrentUser user, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<SendProvinceRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendProvinceRemindersCommand command, CancellationToken ct)
    {
        var (day, code) = (command.On, command.ProvinceCode);
        var laos = await sender.Send(new ListLaosQuery(code), ct);
        var province = (await sender.Send(new ListProvinceNamesQuery(), ct)).FirstOrDefault(p => p.Code == code);
        if (laos.Count == 0 || province is null) return 0;
        var codes = laos.Select(l => l.DlaCode).ToList();
        var baseUrl = await sender.Send(new GetPublicBaseUrlQuery(), ct);
        var (by, now, queued) = (user.Username ?? "system", clock.GetUtcNow(), 0);
        foreach (var year in ReminderSteps.YearsAround(day))
        {
            var calendar = await sender.Send(new GetRoundCalendarQuery(year, codes), ct);
            foreach (var round in FiscalYear.Rounds)
            {
                var period = calendar.Round(round);
                var listDue = ReminderSteps.ListDueOn(period, day);
                var due = listDue ? laos
                    : laos.Where(l => ReminderSteps.DueFor(calendar.WindowFor(round, l.DlaCode), day) is not null)
                        .ToList();
                if (due.Count == 0) continue;
                var unfinished = await UnfinishedLaos.LoadAsync(sender, calendar, round, due, ct);
                foreach (var u in unfinished)
                {
                    // an LAO without a coordinator's address is shown on the staff's page, not logged
                    if (ReminderSteps.DueFor(u.Window, day) is not { } step || u.Email is not { } to) continue;
                    if (await ReminderLog.RecordAsync(db, sender, ReminderLog.ForLao(u, step, day),
                            [ReminderEmails.ToLao(u, to, day, baseUrl)], by, now, ct) == ReminderOutcome.Queued)
                        queued++;
                }
                if (!listDue || unfinished.Count == 0) continue;
                var offices = await sender.Send(new ListProvincialContactsQuery([code]), ct);
                var lists = offices.Select(o => ReminderEmails.ToProvince(o, province, period, unfinished, baseUrl))
                    .ToList();
                var entry = new ReminderLog.Entry(ReminderLog.Province, null, code, province.NameTh, year, round,
                    ReminderSteps.AfterDeadline, day, period.Deadline, null, null, unfinished.Count);
                if (await ReminderLog.RecordAsync(db, sender, entry, lists, by, now, ct) == ReminderOutcome.Queued)
                    queued += lists.Count;
            }
        }
        if (queued > 0)
            await audit.RecordAsync(ReminderLog.SentAction, null,
                $"ส่งอีเมลแจ้งเตือนตามกำหนด {ThaiFormat.ShortDate(day)} จังหวัด{province.NameTh} {queued} ฉบับ", ct);
        return queued;
    }
}
