using System.Globalization;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>A page's POST whose address (a route or query value: the fiscal year, the round, the LAO's or province's
/// code, the assessor) cannot be read or is no such value is refused before its handler runs (a page used to fall back
/// to the current year or its own province and act on them), and one its command refuses for such a value answers 400
/// too: in both cases the error page says why, since the form has no field where the message could stand
/// (docs/adr/0028-bad-input.md).</summary>
public sealed class AddressRefusals : IAsyncPageFilter
{
    /// <summary>Where the messages wait for the error page (Pages/Error.cshtml.cs).</summary>
    public const string Key = "eplan.address-refusal";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        // the error page itself, shown for a refused request (its form may be the one refused)
        if (!HttpMethods.IsPost(http.Request.Method) || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            await next();
            return;
        }
        var values = http.Request.Query.Select(q => (q.Key, Value: q.Value.ToString()))
            .Concat(context.RouteData.Values.Select(r => (r.Key, Value: Convert.ToString(r.Value,
                CultureInfo.InvariantCulture) ?? "")))
            .Where(v => !string.Equals(v.Key, "handler", StringComparison.OrdinalIgnoreCase) && v.Key != "page")
            .ToList();
        var address = values.Select(v => v.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        HashSet<string> form;
        try
        {
            form = http.Request.HasFormContentType
                ? (await http.Request.ReadFormAsync(http.RequestAborted)).Keys
                    .ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
        }
        catch (InvalidDataException)
        {
            // beyond the form limits (a page that takes no antiforgery token: its form is read here first)
            http.Items[Key] = "ข้อมูลที่ส่งมาอ่านไม่ได้หรือมีขนาดเกินกำหนด";
            context.Result = new BadRequestResult();
            return;
        }
        var unreadable = values.Where(v => v.Value.Length > 0 && Rules.TryGetValue(v.Key, out var rule)
                && !rule.Valid(v.Value)).Select(v => Rules[v.Key].Message)
            .Concat(Messages(context.ModelState, address, form)).Distinct().ToList();
        if (unreadable.Count > 0)
        {
            http.Items[Key] = string.Join(" ", unreadable);
            context.Result = new BadRequestResult();
            return;
        }
        await RequireInScopeAsync(http, values);
        var executed = await next();
        if (executed.Exception is not null || executed.Result is not PageResult) return;
        var messages = Messages(context.ModelState, address, form);
        if (messages.Count == 0) return;
        http.Items[Key] = string.Join(" ", messages);
        executed.Result = new BadRequestResult();
    }

    private static readonly Dictionary<string, (Func<string, bool> Valid, string Message)> Rules =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["fiscalYear"] = (v => Number(v) is { } year && FiscalYear.IsValid(year), CodeRules.FiscalYearMessage),
            ["round"] = (v => Number(v) is { } round && FiscalYear.IsRound(round), CodeRules.RoundMessage),
            ["dlaCode"] = (v => v.Length == 7 && v.All(char.IsAsciiDigit), CodeRules.DlaCodeMessage),
            ["provinceCode"] = (v => v.Length == 2 && v.All(char.IsAsciiDigit), CodeRules.ProvinceCodeMessage),
            ["assessor"] = (Assessors.All.Contains, "ผู้ประเมินต้องเป็น " + string.Join(", ", Assessors.All)),
        };

    private static int? Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>An LAO or a province the address names must be in the caller's scope (the one rule of
    /// LocalAuthorityProfile's scope contract): another one answers 404 before anything is done, as the pages' GET do,
    /// rather than the handler acting on the form's ids under a foreign address.</summary>
    private static async Task RequireInScopeAsync(HttpContext http, List<(string Key, string Value)> values)
    {
        if (http.User.Identity?.IsAuthenticated != true) return;
        var sender = http.RequestServices.GetRequiredService<ISender>();
        foreach (var (key, value) in values.Where(v => v.Value.Length > 0))
        {
            if (string.Equals(key, "dlaCode", StringComparison.OrdinalIgnoreCase))
                await sender.Send(new GetLaoInScopeQuery(value), http.RequestAborted);
            else if (string.Equals(key, "provinceCode", StringComparison.OrdinalIgnoreCase) && http.User.IsStaff())
                await sender.Send(new GetProvinceInScopeQuery(value), http.RequestAborted);
        }
    }

    /// <summary>The fields the forms carry hidden (the version a form was read at, the projects ticked in a list and
    /// their versions, a round chosen by its tab, the dimension codes of a score sheet): no message can stand next to
    /// them.</summary>
    private static readonly HashSet<string> Hidden =
        new(["Version", "Versions", "Selected", "Round", "Code"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The messages of the errors about address values (not about a posted field) and hidden fields.</summary>
    private static List<string> Messages(ModelStateDictionary state, HashSet<string> address, HashSet<string> form) =>
        state
            .Where(e => e.Value is { Errors.Count: > 0 }
                        // a hidden field of a form sent without it or with a value no form writes (a page property
                        // not sent, such as a list's versions when it deletes, is no error of this request)
                        && (Hidden.Contains(Name(e.Key)) && (form.Contains(e.Key) || e.Key.Contains('.'))
                            || !form.Contains(e.Key) && address.Contains(Name(e.Key))))
            .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct()
            .ToList();

    /// <summary>"Input.Dimensions[0].Code" → "Code", "Versions[3f2…]" → "Versions".</summary>
    private static string Name(string key)
    {
        var name = key[(key.LastIndexOf('.') + 1)..];
        return name.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? name[..bracket] : name;
    }
}

/// <summary>Binds a form's <c>bool</c> and <c>bool?</c> (a checkbox): anything but true or false is a Thai error on the
/// field, and the field is shown again unticked (the default binder kept the text, which the checkbox then failed to
/// read back: a 500).</summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? new CheckboxBinder() : null;

    private sealed class CheckboxBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var value = context.ValueProvider.GetValue(context.ModelName);
            if (value == ValueProviderResult.None) return Task.CompletedTask;
            var text = value.FirstValue;
            if (bool.TryParse(text, out var flag))
            {
                context.ModelState.SetModelValue(context.ModelName, value);
                context.Result = ModelBindingResult.Success(flag);
            }
            else if (string.IsNullOrWhiteSpace(text) && context.ModelMetadata.IsReferenceOrNullableType)
            {
                context.ModelState.SetModelValue(context.ModelName, value);
                context.Result = ModelBindingResult.Success(null);
            }
            else
            {
                context.ModelState.SetModelValue(context.ModelName, new ValueProviderResult("false"));
                context.ModelState.TryAddModelError(context.ModelName, "กรุณาเลือก ใช่ หรือ ไม่ใช่");
                context.Result = ModelBindingResult.Failed();
            }
            return Task.CompletedTask;
        }
    }
}
