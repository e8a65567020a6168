using EPlanNacc.Modules.Reporting.Features.Reminders;
using Mediator;

namespace EPlanNacc.Host.Api.Reporting;

public sealed record SendRemindersRequest(int? FiscalYear, int? Round, string? ProvinceCode);

/// <param name="Queued">How many emails were queued (0 when every recipient already had one today).</param>
public sealed record RemindersQueued(int Queued);

/// <summary>The deadline reminders of docs/api.md (staff): who they go to and what they say, and "send now". A
/// provincial office names its own province or none; an admin any, or none for the nation.</summary>
public static class ReminderEndpoints
{
    public static void MapReminderEndpoints(this RouteGroupBuilder api)
    {
        var reminders = api.MapGroup("/admin/reminders").WithTags("Staff: reminders");

        reminders.MapGet("/preview", async (string? fiscalYear, string? round, string? provinceCode, ISender sender,
                TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetReminderPreviewQuery(ReportingEndpoints.Year(fiscalYear, clock),
                ReportingEndpoints.Round(round), provinceCode), ct)))
            .Produces<ReminderPreview>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("previewReminders").WithSummary("ผู้รับการแจ้งเตือน / Preview reminders")
            .WithDescription(
                "The LAOs of a round that a reminder goes to, whatever the day (every LAO in scope that has " +
                         "not finished the round), with the coordinator's email and what is missing");

        reminders.MapPost("/send", async (SendRemindersRequest? body, ISender sender, CancellationToken ct) =>
            Results.Accepted(value: new RemindersQueued(await sender.Send(
                new SendRemindersCommand(body?.FiscalYear ?? 0, body?.Round ?? 0, body?.ProvinceCode), ct))))
            .Produces<RemindersQueued>(202).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("sendReminders").WithSummary("ส่งการแจ้งเตือนทันที / Send reminders")
            .WithDescription(
                "Email every recipient of the preview now, whatever the schedule, except those that had a " +
                         "reminder of this round today: a second call the same day queues 0");
    }
}
