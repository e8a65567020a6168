using EPlanNacc.BuildingBlocks.Errors;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>Who may wait for Chromium (docs/adr/0022-a-printer-that-cannot-reach-out.md): a PDF asked by a user is
/// admitted before its data is read, or refused at once: when that user already has
/// <see cref="ReportingOptions.MaxPdfsPerUser"/> printing or waiting (429), or when
/// <see cref="ReportingOptions.MaxConcurrentPdfs"/> + <see cref="ReportingOptions.MaxQueuedPdfs"/> PDFs of users are
/// already printing or waiting (503). Jobs are not counted here: a batch prints a bounded number at once and waits its
/// turn.</summary>
public sealed class PdfPrintQueue(IOptions<ReportingOptions> options)
{
    public const string PerUserMessage =
        "ท่านสั่งพิมพ์รายงานเป็นไฟล์ PDF ไว้ครบจำนวนที่สั่งได้พร้อมกันแล้ว กรุณารอให้พิมพ์เสร็จก่อนแล้วลองใหม่";
    public const string FullMessage =
        "ขณะนี้มีผู้สั่งพิมพ์รายงานเป็นไฟล์ PDF จำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่";

    /// <summary>Retry-After of a user's own limit: about the time of the PDFs it is waiting for.</summary>
    public static readonly TimeSpan PerUserRetry = TimeSpan.FromSeconds(5);
    /// <summary>Retry-After of a full queue: about the time the queue takes to print.</summary>
    public static readonly TimeSpan FullRetry = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _perUser = [];

    /// <summary>The users' PDFs printing or waiting now.</summary>
    public int Admitted { get; private set; }

    /// <summary>A place in the queue for a PDF of <paramref name="user"/> (none for a job), held until it is
    /// disposed; or <see cref="TryLaterException"/>.</summary>
    public IDisposable Admit(Guid? user)
    {
        if (user is not { } id) return Place.None;
        var o = options.Value;
        lock (_gate)
        {
            var mine = _perUser.GetValueOrDefault(id);
            if (mine >= o.MaxPdfsPerUser) throw new TryLaterException(PerUserMessage, PerUserRetry, true);
            if (Admitted >= o.MaxConcurrentPdfs + o.MaxQueuedPdfs)
                throw new TryLaterException(FullMessage, FullRetry, callersLimit: false);
            _perUser[id] = mine + 1;
            Admitted++;
        }
        return new Place(() => Leave(id));
    }

    private void Leave(Guid user)
    {
        lock (_gate)
        {
            Admitted--;
            if (--_perUser[user] == 0) _perUser.Remove(user);
        }
    }

    private sealed class Place(Action? leave) : IDisposable
    {
        public static readonly Place None = new(null);
        private Action? _leave = leave;

        public void Dispose() => Interlocked.Exchange(ref _leave, null)?.Invoke();
    }
}
