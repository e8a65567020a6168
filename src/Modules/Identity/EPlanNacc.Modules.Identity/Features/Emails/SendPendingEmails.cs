using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;
using Microsoft.Extensions.Logging;

namespace EPlanNacc.Modules.Identity.Features.Emails;

/// <summary>Sends the emails waiting in the outbox (identity.outbound_emails), oldest first, a batch at a time: queued
/// after every commit that wrote one, and run every minute by the sweep for what a crash or a mail server outage
/// left. Returns how many were sent.</summary>
[Allow(Caller.Module)]
public sealed record SendPendingEmailsCommand : ICommand<int>;

/// <summary>Each email of the batch is locked (two drains never send the same one), sent, and marked: sent_at, its
/// bodies emptied (a reset link's token stays in the database only while its email waits); or, when sending fails,
/// the attempt and its error, retried after a pause that doubles from one minute up to an hour, at most
/// <see cref="MaxAttempts"/> times (about six hours). A crash between a send and the commit sends that email again:
/// at least once, never lost.</summary>
public sealed class SendPendingEmailsHandler(
    DbSession db, IEmailSender sender, IJobScheduler jobs, TimeProvider clock, ILogger<SendPendingEmailsHandler> logger)
    : ICommandHandler<SendPendingEmailsCommand, int>
{
    public const int MaxAttempts = 12;
    public const int BatchSize = 50;

    private sealed record PendingEmail(
        Guid Id, string ToAddress, string? ToName, string Subject, string HtmlBody, string TextBody, int Attempts);

    public async ValueTask<int> Handle(SendPendingEmailsCommand command, CancellationToken ct)
    {
        var pending = await db.QueryAsync<PendingEmail>("""
            SELECT id, to_address, to_name, subject, html_body, text_body, attempts
            FROM identity.outbound_emails
            WHERE sent_at IS NULL AND attempts < @MaxAttempts
              AND (last_attempt_at IS NULL
                   OR last_attempt_at
                      <= @now - make_interval(mins => least(60, power(2, greatest(attempts - 1, 0)))::int))
            ORDER BY created_at
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
            """, new { MaxAttempts, BatchSize, now = clock.GetUtcNow() }, ct);

        var sent = 0;
        foreach (var email in pending)
        {
            try
            {
                await sender.SendAsync(new EmailMessage(email.ToAddress, email.Subject, email.HtmlBody, email.TextBody,
                    email.ToName), ct);
                await db.ExecuteAsync("""
                    UPDATE identity.outbound_emails
                    SET sent_at = @now, attempts = attempts + 1, last_attempt_at = @now, last_error = NULL,
                        html_body = NULL, text_body = NULL
                    WHERE id = @Id
                    """, new { email.Id, now = clock.GetUtcNow() }, ct);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await db.ExecuteAsync("""
                    UPDATE identity.outbound_emails
                    SET attempts = attempts + 1, last_attempt_at = @now, last_error = @Error
                    WHERE id = @Id
                    """, new { email.Id, now = clock.GetUtcNow(), Error = $"{ex.GetType().Name}: {ex.Message}" }, ct);
                if (email.Attempts + 1 >= MaxAttempts)
                    logger.LogError(ex, "Email {Id} '{Subject}' to {To} not sent after {Attempts} attempts: given up",
                        email.Id, email.Subject, email.ToAddress, MaxAttempts);
                else
                    logger.LogWarning(ex, "Email {Id} '{Subject}' to {To} not sent (attempt {Attempt}); retried later",
                        email.Id, email.Subject, email.ToAddress, email.Attempts + 1);
            }
        }
        // a full batch: more may wait, sent by the next job rather than in one long transaction
        if (pending.Count == BatchSize) await jobs.EnqueueAfterCommit(db, command);
        return sent;
    }
}
