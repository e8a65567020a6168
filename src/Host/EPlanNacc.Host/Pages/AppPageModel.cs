using EPlanNacc.BuildingBlocks.Errors;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EPlanNacc.Host.Pages;

/// <summary>A page model that binds, sends and renders. Refusals of a command (validation, rule, conflict) become
/// Thai messages next to the fields they concern; anything else (not found, forbidden) goes to the error page.</summary>
public abstract class AppPageModel : PageModel
{
    protected ISender Sender => HttpContext.RequestServices.GetRequiredService<ISender>();

    /// <summary>Runs <paramref name="action"/>; on a refusal adds its messages to ModelState under
    /// <paramref name="prefix"/> (the form's bound property) and returns false.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string prefix = "Input")
    {
        try
        {
            await action();
            return true;
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors) ModelState.AddModelError(Key(prefix, error.PropertyName), error.ErrorMessage);
        }
        catch (RuleViolationException ex)
        {
            ModelState.AddModelError(ex.Field is null ? string.Empty : Key(prefix, ex.Field), ex.Message);
        }
        catch (ConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Details.Count == 0 ? ex.Message : $"{ex.Message}: {string.Join("; ", ex.Details)}");
        }
        return false;
    }

    private static string Key(string prefix, string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName)) return string.Empty;
        var pascal = string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]));
        return string.IsNullOrEmpty(prefix) ? pascal : $"{prefix}.{pascal}";
    }

    protected void Flash(string message) => TempData["Success"] = message;
}
