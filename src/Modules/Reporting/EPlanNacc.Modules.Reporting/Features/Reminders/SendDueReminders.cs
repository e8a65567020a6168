using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
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
/// is due on the day (<see cref="On"/>, else today in Bangkok) and queues, once this commits, one
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
        foreach (var year in ReminderSteps.YearsAround(day))
        {
            var calendar = await sender.Send(new GetRoundCalendarQuery(year), ct);
            foreach (var round in FiscalYear.Rounds)
            {
                var due = ReminderSteps.ListDueOn(calendar.Round(round), day)
                    ? laos
                    : laos.Where(l => ReminderSteps.DueFor(calendar.WindowFor(round, l.DlaCode), day) is not null);
                provinces.UnionWith(due.Select(l => l.ProvinceCode));
            }
        }
        foreach (var province in provinces)
            await jobs.EnqueueAfterCommit(db, new SendProvinceRemindersCommand(day, province));
        return provinces.Count;
    }
}

/// <summary>
/// The reminders of one province due on <see cref="On"/>, in one transaction: to the coordinator of each LAO that has
/// not finished a round at one of its steps (14, 7, 3 and 1 days before its own last day), and, the day after a
/// round's deadline, the list of its LAOs still missing to the province's office (every provincial account with an
/// address; none: recorded as not sent, for staff to see). Each reminder is written in the send log with its emails
/// (<see cref="ReminderLog"/>): run twice, it sends nothing the second time. Returns how many emails it queued.
/// </summary>
[Allow(Caller.Module)]
public sealed record SendProvinceRemindersCommand(DateOnly On, string ProvinceCode) : ICommand<int>;

public sealed class SendProvinceRemindersValidator : AbstractValidator<SendProvinceRemindersCommand>
{
    public SendProvinceRemindersValidator() =>
        RuleFor(x => x.ProvinceCode).NotEmpty().WithMessage(CodeRules.ProvinceCodeMessage).ProvinceCodeOrEmpty();
}

public sealed class SendProvinceRemindersHandler(ISender sender, DbSession db, ICurrentUser user, TimeProvider clock)
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
                    if (ReminderSteps.DueFor(u.Window, day) is not { } step) continue;
                    EmailMessage[] emails = u.Email is { } to ? [ReminderEmails.ToLao(u, to, day, baseUrl)] : [];
                    if (await ReminderLog.RecordAsync(db, sender, ReminderLog.ForLao(u, step, day), emails, by, now,
                            ct) == ReminderOutcome.Queued)
                        queued++;
                }
                if (!listDue || unfinished.Count == 0) continue;
                var offices = await sender.Send(new ListProvincialContactsQuery([code]), ct);
                var lists = offices.Select(o => ReminderEmails.ToProvince(o, province, period, unfinished, baseUrl))
                    .ToList();
                var entry = new ReminderLog.Entry("province", null, code, province.NameTh, year, round,
                    ReminderSteps.AfterDeadline, day, period.Deadline, null, null, unfinished.Count);
                if (await ReminderLog.RecordAsync(db, sender, entry, lists, by, now, ct) == ReminderOutcome.Queued)
                    queued += lists.Count;
            }
        }
        return queued;
    }
}
