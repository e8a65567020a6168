using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EPlanNacc.BuildingBlocks.Email;

public sealed record EmailMessage(string To, string Subject, string HtmlBody, string TextBody, string? ToName = null);

public interface IEmailSender
{
    /// <summary>Sends one message. Throws <see cref="EmailServerUnavailableException"/> when the mail server cannot
    /// take any message now (unreachable, refusing, timing out); any other exception concerns this message only.
    /// </summary>
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>The mail server cannot take messages now: it cannot be reached, it answers a temporary refusal (4xx),
/// or it does not answer within <see cref="EmailOptions.SmtpTimeoutSeconds"/>. The next messages would meet the same,
/// so a sender stops and tries again later (docs/adr/0027-faults.md).</summary>
public sealed class EmailServerUnavailableException(Exception cause)
    : Exception($"{cause.GetType().Name}: {cause.Message}", cause);

public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";
    /// <summary>SMTP host; empty means "no SMTP server": each email is written as an .eml file into
    /// <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; set; }
    [Range(1, 65535)] public int SmtpPort { get; set; } = 587;
    /// <summary>How long the server may take to connect or to answer one command before the send is given up (and
    /// retried later): a server that accepts and never answers must not hold the outbox.</summary>
    [Range(1, 600)] public int SmtpTimeoutSeconds { get; set; } = 30;
    public string? SmtpUsername { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>None, Auto, StartTls, SslOnConnect, StartTlsWhenAvailable. Only StartTls and SslOnConnect insist on
    /// TLS; the others may send in plain text and need <see cref="AllowPlainSmtp"/>.</summary>
    public string Security { get; set; } = "StartTls";
    /// <summary>Lets <see cref="Security"/> be one that may talk to the server in plain text: only for a relay on
    /// the same machine or network (and the tests' in-process server). Off by default: reset links and
    /// activation codes travel in these emails.</summary>
    public bool AllowPlainSmtp { get; set; }
    [Required, EmailAddress] public string FromAddress { get; set; } = "no-reply@eplannacc.local";
    [Required] public string FromName { get; set; } = "ระบบ E-PlanNACC สำนักงาน ป.ป.ช.";
    public string PickupDirectory { get; set; } = "mail-outbox";

    /// <summary>Whether MailKit refuses to go on without TLS under this setting.</summary>
    public static bool RequiresTls(string security) =>
        Enum.TryParse<SecureSocketOptions>(security, true, out var s) &&
        s is SecureSocketOptions.StartTls or SecureSocketOptions.SslOnConnect;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.TryParse<SecureSocketOptions>(Security, true, out _))
            yield return new ValidationResult("Email:Security must be one " +
                $"of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.", [nameof(Security)]);
        else if (!string.IsNullOrWhiteSpace(SmtpHost) && !AllowPlainSmtp && !RequiresTls(Security))
            yield return new ValidationResult($"Email:Security '{Security}' may send email in plain text: use " +
                "StartTls or SslOnConnect, or set Email:AllowPlainSmtp to true for a local relay.", [nameof(Security)]);
        if (string.IsNullOrWhiteSpace(SmtpHost) && string.IsNullOrWhiteSpace(PickupDirectory))
            yield return new ValidationResult("Email:PickupDirectory is needed when no Email:SmtpHost is set.",
                [nameof(PickupDirectory)]);
    }
}

/// <summary>Sends through the configured SMTP server with MailKit, or, when none is configured, writes the
/// message as an .eml file so that a person trying the system can still follow a link in it.</summary>
public sealed class MailKitEmailSender(
    IOptions<EmailOptions> options, TimeProvider clock, ILogger<MailKitEmailSender> logger)
    : IEmailSender
{
    private static int _pickupAnnounced;

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody }.ToMessageBody();

        if (string.IsNullOrWhiteSpace(o.SmtpHost))
        {
            var dir = Path.GetFullPath(o.PickupDirectory);
            Directory.CreateDirectory(dir);
            if (Interlocked.Exchange(ref _pickupAnnounced, 1) == 0)
                logger.LogWarning(
                    "No SMTP server is configured: emails are written as .eml files into {Directory}", dir);
            var file = Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.CreateVersion7():N}.eml");
            await mime.WriteToAsync(file, ct);
            logger.LogInformation("Email '{Subject}' to {To} written to {File}", message.Subject, message.To, file);
            return;
        }

        using var client = new SmtpClient { Timeout = o.SmtpTimeoutSeconds * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(o.Security, true, out var s)
            ? s : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(o.SmtpHost, o.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(o.SmtpUsername))
                await client.AuthenticateAsync(o.SmtpUsername, o.SmtpPassword ?? string.Empty, ct);
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ServerUnavailable(ex) && !ct.IsCancellationRequested)
        {
            throw new EmailServerUnavailableException(ex);
        }
        logger.LogInformation("Email '{Subject}' sent to {To} through {Host}", message.Subject, message.To, o.SmtpHost);
    }

    /// <summary>Whether a failure is the server's rather than the message's: only a permanent refusal (5xx) of the
    /// sender, a recipient or the message concerns this message alone.</summary>
    private static bool ServerUnavailable(Exception ex) => ex switch
    {
        SmtpCommandException c => (int)c.StatusCode < 500 || c.ErrorCode == SmtpErrorCode.UnexpectedStatusCode,
        // not the caller's cancellation (the filter excludes it): a timeout inside MailKit
        OperationCanceledException => true,
        _ => ex is IOException or System.Net.Sockets.SocketException or TimeoutException or SmtpProtocolException
            or MailKit.ServiceNotConnectedException or AuthenticationException,
    };
}
