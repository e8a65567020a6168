using EPlanNacc.BuildingBlocks.Errors;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EPlanNacc.Host.Pages;

/// <summary>A page model that binds, sends and renders. Refusals of a command (validation, rule, conflict) become
/// Thai messages next to the fields they concern; anything else (not found, forbidden) goes to the error
/// page.</summary>
public abstract class AppPageModel : PageModel
{
    protected ISender Sender => HttpContext.RequestServices.GetRequiredService<ISender>();

    /// <summary>A save refused because someone saved after the form was read (null otherwise); the page shows it with
    /// Pages/Shared/_Conflict.cshtml.</summary>
    public StaleVersion? Stale { get; private set; }

    /// <summary>Runs <paramref name="action"/>; on a refusal adds its messages to ModelState under
    /// <paramref name="prefix"/> (the form's bound property) and returns false. With
    /// <paramref name="notFoundField"/>, "not found" (an LAO code typed that is not in the caller's scope) is a refusal
    /// too, on that field ("" for the form as a whole), and the page answers 404 as the error page would
    /// (docs/adr/0005-not-found-for-anothers-resource.md); otherwise it goes to the error page.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string prefix = "Input", string? notFoundField = null)
    {
        try
        {
            await action();
            return true;
        }
        catch (NotFoundException ex) when (notFoundField is not null)
        {
            ModelState.AddModelError(Key(prefix, notFoundField), ex.Message);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
                ModelState.AddModelError(Key(prefix, error.PropertyName), error.ErrorMessage);
        }
        catch (RuleViolationException ex)
        {
            ModelState.AddModelError(ex.Field is null ? string.Empty : Key(prefix, ex.Field), ex.Message);
        }
        catch (ConflictException ex)
        {
            ModelState.AddModelError(string.Empty, Describe(ex));
        }
        catch (TryLaterException ex)
        {
            // the page with the message, answered 429 or 503 with Retry-After
            ModelState.AddModelError(string.Empty, ex.Message);
            Infrastructure.TryLaterAnswers.Answer(Response, ex);
        }
        return false;
    }

    /// <summary>Sends a save made from the version <paramref name="form"/> was read at, as <see cref="TryAsync"/>
    /// does. When someone saved since (a 409 and a newer <paramref name="currentVersion"/>), the user's input stays,
    /// <see cref="Stale"/> says what changed, and the form takes the current version, so that saving again is made
    /// knowingly over those changes. A 409 at the version read is a rule's refusal (a closed round), shown as any
    /// other.</summary>
    protected async Task<bool> TrySaveAsync(Func<Task> save, IVersionedForm form, Func<Task<int>> currentVersion,
        string prefix = "Input") =>
        await TrySaveAsync(save, async () =>
        {
            var current = await currentVersion();
            if (current == form.Version) return false;
            form.Version = current;
            ModelState.Remove(Key(prefix, nameof(IVersionedForm.Version)));
            return true;
        }, prefix);

    /// <summary>As <see cref="TrySaveAsync(Func{Task}, IVersionedForm, Func{Task{int}}, string)"/>, for a form of
    /// several versions that the page reads again anyway: <paramref name="isStale"/> tells a stale save from a rule's
    /// refusal.</summary>
    protected async Task<bool> TrySaveAsync(Func<Task> save, Func<Task<bool>> isStale, string prefix = "Input")
    {
        ConflictException? conflict = null;
        var saved = await TryAsync(async () =>
        {
            try { await save(); }
            catch (ConflictException ex) { conflict = ex; }
        }, prefix);
        if (conflict is null) return saved;
        if (await isStale()) Stale = new StaleVersion(conflict.Message, conflict.Details);
        else ModelState.AddModelError(string.Empty, Describe(conflict));
        return false;
    }

    private static string Describe(ConflictException ex) =>
        ex.Details.Count == 0 ? ex.Message : $"{ex.Message}: {string.Join("; ", ex.Details)}";

    private static string Key(string prefix, string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName)) return string.Empty;
        var pascal = string.Join('.',
            propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]));
        return string.IsNullOrEmpty(prefix) ? pascal : $"{prefix}.{pascal}";
    }

    protected void Flash(string message) => TempData["Success"] = message;
}

/// <summary>A form that carries the version of the data it was read at (the save is refused if someone saved
/// since: docs/adr/0008-scores-after-the-deadline.md).</summary>
public interface IVersionedForm
{
    int? Version { get; set; }
}

/// <summary>What a stale save was told: the module's message and what changed since the form was read.</summary>
public sealed record StaleVersion(string Message, IReadOnlyList<string> Changes);

/// <summary>The model of Pages/Shared/_Conflict.cshtml: the stale save (nothing is shown without one), the label of
/// the button that saves again (null when the form cannot be saved now) and the address of the latest data.</summary>
public sealed record ConflictNotice(StaleVersion? Stale, string? SaveAgain, string? LatestUrl = null);
