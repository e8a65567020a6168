using EPlanNacc.BuildingBlocks.Thai;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Binds a form's <c>DateOnly?</c> typed as day/month/year of the Buddhist Era (<see cref="BuddhistDate"/>):
/// put <c>[ModelBinder(typeof(BuddhistDateBinder))]</c> on the property. An empty field binds null (the command says
/// whether it is required); anything unreadable is a Thai error on the field, the text typed kept for the
/// form.</summary>
public sealed class BuddhistDateBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Result = ModelBindingResult.Success(null);
        }
        else if (BuddhistDate.TryParse(text, out var date, out var error))
        {
            context.Result = ModelBindingResult.Success(date);
        }
        else
        {
            context.ModelState.TryAddModelError(context.ModelName, error!);
            context.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }
}
