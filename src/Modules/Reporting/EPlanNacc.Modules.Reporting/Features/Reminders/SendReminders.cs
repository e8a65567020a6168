using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>
/// "Send now" (<c>POST /api/v1/admin/reminders/send</c>): whatever the schedule, one email to each recipient of the
/// preview (<see cref="GetReminderPreviewQuery"/>) that has not had a reminder of this round today, in one
/// transaction. A send is the step of its day (<c>manual-YYYY-MM-DD</c>) in the send log, so a second call the same
/// day queues 0. An LAO without a coordinator's address is skipped (the preview shows it). The send is recorded in
/// the audit trail (<c>reminders.sent</c>, with the count). Returns how many emails were queued.
/// </summary>
[Allow(Caller.Staff)]
public sealed record SendRemindersCommand(int FiscalYear, int Round, string? ProvinceCode) : ICommand<int>,
    IReminderChoice;

public sealed class SendRemindersValidator : ReminderChoiceValidator<SendRemindersCommand>;

public sealed class SendRemindersHandler(
    ISender sender, DbSession db, ICurrentUser user, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<SendRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendRemindersCommand command, CancellationToken ct)
    {
        var found = await ReminderScope.LoadAsync(sender, command, ct);
        var today = ThaiFormat.TodayInBangkok(clock);
        var step = ReminderSteps.Manual(today);
        var baseUrl = await sender.Send(new GetPublicBaseUrlQuery(), ct);
        var (by, now, queued) = (user.Username ?? "system", clock.GetUtcNow(), 0);
        foreach (var u in found.Laos)
        {
            if (u.Email is not { } to) continue;
            if (await ReminderLog.RecordAsync(db, sender, ReminderLog.ForLao(u, step, today),
                    [ReminderEmails.ToLao(u, to, today, baseUrl)], by, now, ct) == ReminderOutcome.Queued)
                queued++;
        }
        await audit.RecordAsync(ReminderLog.SentAction, null, ReminderLog.Describe(queued, found.Laos.Count,
            command.FiscalYear, command.Round, ReminderScope.Describe(found.Province)), ct);
        return queued;
    }
}
