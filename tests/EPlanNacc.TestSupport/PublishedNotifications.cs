using System.Collections.Concurrent;
using Mediator;

namespace EPlanNacc.TestSupport;

/// <summary>Every notification the application publishes during a test (cleared by
/// <see cref="AppFixture.ResetAsync"/>), so that a test can prove a module told the others about a change.</summary>
public sealed class PublishedNotifications
{
    private readonly ConcurrentQueue<INotification> _published = new();

    public void Add(INotification notification) => _published.Enqueue(notification);
    public IReadOnlyList<T> Of<T>() where T : INotification => _published.OfType<T>().ToList();
    public void Clear() => _published.Clear();
}

/// <summary>Registered for every notification type in the test application: records what is published.</summary>
public sealed class RecordingNotificationHandler<T>(PublishedNotifications published) : INotificationHandler<T>
    where T : INotification
{
    public ValueTask Handle(T notification, CancellationToken cancellationToken)
    {
        published.Add(notification);
        return ValueTask.CompletedTask;
    }
}
