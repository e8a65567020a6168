using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EPlanNacc.Modules.Identity.Features.Emails;

/// <summary>Sends the emails waiting in the outbox (identity.outbound_emails), oldest first, a batch at a time: queued
/// after every commit that wrote one, and run every minute by the sweep for what a crash or a mail server outage
/// left. Returns how many were sent.</summary>
[Allow(Caller.Module)]
public sealed record SendPendingEmailsCommand : ICommand<int>;

/// <summary>Each email of the batch is sent in a transaction of its own (docs/adr/0027-faults.md): its row locked
/// (two drains never send the same one), the message handed to the mail server, and the row marked and committed at
/// once: sent_at, its bodies emptied (a reset link's token stays in the database only while its email waits); or,
/// when sending fails, the attempt and its error, retried after a pause that doubles from one minute up to an hour,
/// at most <see cref="MaxAttempts"/> times (about six hours). A process killed mid-drain thus sends again only the
/// email whose send it was waiting on, never those already accepted. When the server itself is unavailable
/// (<see cref="EmailServerUnavailableException"/>: down, refusing for now, not answering) the drain stops at that
/// email: the others keep their place and their attempts for the next sweep.</summary>
public sealed class SendPendingEmailsHandler(
    DbSession db, IServiceScopeFactory scopes, IEmailSender sender, IJobScheduler jobs, TimeProvider clock,
    ILogger<SendPendingEmailsHandler> logger)
    : ICommandHandler<SendPendingEmailsCommand, int>
{
    public const int MaxAttempts = 12;
    public const int BatchSize = 50;

    /// <summary>An email that waits and whose pause after its last attempt is over.</summary>
    private const string Due = """
        sent_at IS NULL AND attempts < @MaxAttempts
        AND (last_attempt_at IS NULL
             OR last_attempt_at <= @now - make_interval(mins => least(60, power(2, greatest(attempts - 1, 0)))::int))
        """;

    private sealed record PendingEmail(
        Guid Id, string ToAddress, string? ToName, string Subject, string HtmlBody, string TextBody, int Attempts);

    private enum Outcome { Sent, Failed, ServerUnavailable, Skipped }

    public async ValueTask<int> Handle(SendPendingEmailsCommand command, CancellationToken ct)
    {
        var due = await db.QueryAsync<Guid>($"""
            SELECT id FROM identity.outbound_emails WHERE {Due} ORDER BY created_at LIMIT @BatchSize
            """, new { MaxAttempts, BatchSize, now = clock.GetUtcNow() }, ct);
        var sent = 0;
        foreach (var id in due)
        {
            var outcome = await SendOneAsync(id, ct);
            if (outcome == Outcome.Sent) sent++;
            // the next ones would wait for the same server: they go with the next sweep
            if (outcome == Outcome.ServerUnavailable) return sent;
        }
        // a full batch: more may wait, sent by the next job rather than in one long run
        if (due.Count == BatchSize) await jobs.EnqueueAfterCommit(db, command);
        return sent;
    }

    private async Task<Outcome> SendOneAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<DbSession>();
        await own.BeginAsync(ct: ct);
        var email = await own.QuerySingleOrDefaultAsync<PendingEmail>($"""
            SELECT id, to_address, to_name, subject, html_body, text_body, attempts
            FROM identity.outbound_emails
            WHERE id = @id AND {Due}
            FOR UPDATE SKIP LOCKED
            """, new { id, MaxAttempts, now = clock.GetUtcNow() }, ct);
        if (email is null) return Outcome.Skipped; // sent or taken by another drain meanwhile
        Outcome outcome;
        try
        {
            await sender.SendAsync(new EmailMessage(email.ToAddress, email.Subject, email.HtmlBody, email.TextBody,
                email.ToName), ct);
            await own.ExecuteAsync("""
                UPDATE identity.outbound_emails
                SET sent_at = @now, attempts = attempts + 1, last_attempt_at = @now, last_error = NULL,
                    html_body = NULL, text_body = NULL
                WHERE id = @Id
                """, new { email.Id, now = clock.GetUtcNow() }, CancellationToken.None);
            outcome = Outcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await own.ExecuteAsync("""
                UPDATE identity.outbound_emails
                SET attempts = attempts + 1, last_attempt_at = @now, last_error = @Error
                WHERE id = @Id
                """, new { email.Id, now = clock.GetUtcNow(), Error = Describe(ex) }, ct);
            if (email.Attempts + 1 >= MaxAttempts)
                logger.LogError(ex, "Email {Id} '{Subject}' to {To} not sent after {Attempts} attempts: given up",
                    email.Id, email.Subject, email.ToAddress, MaxAttempts);
            else
                logger.LogWarning(ex, "Email {Id} '{Subject}' to {To} not sent (attempt {Attempt}); retried later",
                    email.Id, email.Subject, email.ToAddress, email.Attempts + 1);
            outcome = ex is EmailServerUnavailableException ? Outcome.ServerUnavailable : Outcome.Failed;
        }
        // the server has the message: its row is marked whatever the caller's cancellation, or it would go twice
        await own.CommitAsync(CancellationToken.None);
        return outcome;
    }

    private static string Describe(Exception ex)
    {
        var error = ex is EmailServerUnavailableException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return error[..Math.Min(error.Length, 1000)];
    }
}
