using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>
/// For the staff's desk: how many reminders of a round were emailed to LAOs in the caller's scope (a provincial
/// office its province; an admin the nation, or the province it names), and when the last one went. Reminders not
/// sent for want of an address and the provincial offices' lists are not counted.
/// </summary>
[Allow(Caller.Staff)]
public sealed record GetRemindersSentQuery(int FiscalYear, int Round, string? ProvinceCode = null)
    : IQuery<RemindersSent>, IReminderChoice;

public sealed record RemindersSent(int Count, DateTimeOffset? LastSentAt);

public sealed class GetRemindersSentValidator : ReminderChoiceValidator<GetRemindersSentQuery>;

public sealed class GetRemindersSentHandler(DbSession db, ISender sender)
    : IQueryHandler<GetRemindersSentQuery, RemindersSent>
{
    public async ValueTask<RemindersSent> Handle(GetRemindersSentQuery query, CancellationToken ct)
    {
        var province = await ReminderScope.ProvinceAsync(sender, query.ProvinceCode, ct);
        return await db.QuerySingleAsync<RemindersSent>("""
            SELECT count(*)::int AS count, max(queued_at) AS last_sent_at
            FROM reporting.reminder_log
            WHERE kind = @Coordinator AND cardinality(email_ids) > 0 AND fiscal_year = @FiscalYear AND round = @Round
              AND (@Province::text IS NULL OR province_code = @Province)
            """, new
        {
            query.FiscalYear, Round = (short)query.Round, Province = province?.Code, ReminderLog.Coordinator,
        }, ct);
    }
}
