using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.Extensions.Options;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>Who may wait for Chromium: a user's PDFs printing or waiting up to its limit (then 429), all users' up
/// to the slots and the queue (then 503), each place given back once; jobs are not counted.</summary>
public sealed class PdfPrintQueueTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static PdfPrintQueue Queue(int perUser = 2, int slots = 2, int queued = 3) =>
        new(Options.Create(new ReportingOptions
        {
            MaxPdfsPerUser = perUser, MaxConcurrentPdfs = slots, MaxQueuedPdfs = queued,
        }));

    [Fact]
    public void A_user_with_its_PDFs_in_flight_is_told_to_try_later_429()
    {
        var queue = Queue();
        using var first = queue.Admit(Alice);
        var second = queue.Admit(Alice);
        var refused = Assert.Throws<TryLaterException>(() => queue.Admit(Alice));
        Assert.True(refused.CallersLimit);
        Assert.Equal((PdfPrintQueue.PerUserMessage, PdfPrintQueue.PerUserRetry), (refused.Message, refused.RetryAfter));
        using var bobs = queue.Admit(Bob);

        second.Dispose();
        second.Dispose(); // a place is given back once
        using var third = queue.Admit(Alice);
        Assert.Equal(3, queue.Admitted);
    }

    [Fact]
    public void A_full_queue_tells_everyone_to_try_later_503_and_jobs_are_not_counted()
    {
        var queue = Queue(perUser: 10, slots: 2, queued: 3);
        var places = Enumerable.Range(0, 5).Select(_ => queue.Admit(Guid.NewGuid())).ToList();
        var refused = Assert.Throws<TryLaterException>(() => queue.Admit(Bob));
        Assert.False(refused.CallersLimit);
        Assert.Equal((PdfPrintQueue.FullMessage, PdfPrintQueue.FullRetry), (refused.Message, refused.RetryAfter));
        using (queue.Admit(null)) Assert.Equal(5, queue.Admitted); // a job waits its turn, uncounted

        places[0].Dispose();
        using var bobs = queue.Admit(Bob);
        foreach (var place in places) place.Dispose();
        Assert.Equal(1, queue.Admitted);
    }
}
