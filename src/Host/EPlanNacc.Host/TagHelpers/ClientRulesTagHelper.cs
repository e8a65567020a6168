using System.Collections.Concurrent;
using System.Globalization;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EPlanNacc.Host.TagHelpers;

/// <summary>Mirrors a command's FluentValidation rules in the browser: for a form field bound to
/// <c>Input.X.Y</c> on a page that declares <c>ViewData["ClientRulesFor"] = typeof(SomeCommand)</c>, it adds the
/// HTML attributes of the rules of <c>X.Y</c> (required, maxlength, min, max, step, pattern...) and their Thai
/// messages as <c>data-msg-*</c>, which wwwroot/js/site.js shows next to the field. Server and browser then say
/// the same thing; the server stays the judge.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class ClientRulesTagHelper : TagHelper
{
    public const string ViewDataKey = "ClientRulesFor";
    private static readonly ConcurrentDictionary<(Type, string), IReadOnlyList<KeyValuePair<string, string>>> Cache =
        new();

    [HtmlAttributeName("asp-for")]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = default!;

    [HtmlAttributeNotBound, ViewContext] public ViewContext ViewContext { get; set; } = default!;

    /// <summary>Overrides the command member the field maps to
    /// (default: the bound name without its first segment).</summary>
    [HtmlAttributeName("rules-for")] public string? RulesFor { get; set; }

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData[ViewDataKey] is not Type commandType) return;
        var member = RulesFor ?? StripFirstSegment(For.Name);
        foreach (var (name, value) in Cache.GetOrAdd((commandType, member), key => Describe(key.Item1, key.Item2)))
        {
            if (!output.Attributes.ContainsName(name)) output.Attributes.SetAttribute(name, value);
        }
    }

    private static string StripFirstSegment(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    private IReadOnlyList<KeyValuePair<string, string>> Describe(Type commandType, string member)
    {
        var provider = ViewContext.HttpContext.RequestServices;
        var attributes = new List<KeyValuePair<string, string>>();
        var validators = provider.GetServices(typeof(IValidator<>).MakeGenericType(commandType)).OfType<IValidator>();
        foreach (var validator in validators) Collect(provider, validator, member, attributes);
        // the first of each attribute wins (a rule's first message is the one the server gives first)
        return attributes.GroupBy(a => a.Key).Select(g => g.First()).ToList();
    }

    private static void Collect(IServiceProvider provider, IValidator validator, string member,
        List<KeyValuePair<string, string>> attributes)
    {
        void Add(string name, string value) => attributes.Add(new(name, value));
        var descriptor = validator.CreateDescriptor();

        // "Location.Name": the rules of Name in the child validator set on Location
        var dot = member.IndexOf('.');
        if (dot > 0)
        {
            foreach (var rule in descriptor.GetRulesForMember(member[..dot]))
                foreach (var component in rule.Components)
                    if (component.Validator is IChildValidatorAdaptor child
                        && provider.GetService(child.ValidatorType) is IValidator nested)
                        Collect(provider, nested, member[(dot + 1)..], attributes);
        }

        foreach (var rule in descriptor.GetRulesForMember(member))
        {
            foreach (var component in rule.Components)
            {
                var conditional = component.HasCondition || component.HasAsyncCondition;
                var message = component.GetUnformattedErrorMessage();
                switch (component.Validator)
                {
                    case INotNullValidator or INotEmptyValidator when !conditional:
                        Add("required", "required");
                        Add("data-msg-required", message);
                        break;
                    case ILengthValidator length:
                        if (length.Max > 0)
                        {
                            Add("maxlength", length.Max.ToString(CultureInfo.InvariantCulture));
                            Add("data-msg-maxlength", message);
                        }
                        if (length.Min > 0)
                        {
                            Add("minlength", length.Min.ToString(CultureInfo.InvariantCulture));
                            Add("data-msg-minlength", message);
                        }
                        break;
                    case IComparisonValidator { ValueToCompare: IConvertible limit } comparison:
                        var value = Convert.ToDecimal(limit, CultureInfo.InvariantCulture)
                            .ToString(CultureInfo.InvariantCulture);
                        if (comparison.Comparison == Comparison.GreaterThanOrEqual)
                        {
                            Add("min", value);
                            Add("data-msg-min", message);
                        }
                        else if (comparison.Comparison == Comparison.LessThanOrEqual)
                        {
                            Add("max", value);
                            Add("data-msg-max", message);
                        }
                        else if (comparison.Comparison == Comparison.GreaterThan)
                        {
                            Add("data-min-exclusive", value);
                            Add("data-msg-min-exclusive", message);
                        }
                        break;
                    case IBetweenValidator { From: IConvertible from, To: IConvertible to }:
                        Add("min", Convert.ToDecimal(from, CultureInfo.InvariantCulture)
                            .ToString(CultureInfo.InvariantCulture));
                        Add("max",
                            Convert.ToDecimal(to, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                        Add("data-msg-min", message);
                        Add("data-msg-max", message);
                        break;
                    case IRegularExpressionValidator regex:
                        Add("pattern", regex.Expression.TrimStart('^').TrimEnd('$'));
                        Add("data-msg-pattern", message);
                        break;
                    case IEmailValidator:
                        Add("data-msg-type", message);
                        break;
                    case IClientRule client:
                        foreach (var (name, v) in client.ClientAttributes)
                        {
                            Add(name, v);
                            var kind = name switch
                            {
                                "pattern" => "pattern",
                                "step" => "step",
                                "data-min-exclusive" => "min-exclusive",
                                _ => null,
                            };
                            if (kind is not null) Add($"data-msg-{kind}", message);
                        }
                        break;
                }
            }
        }
    }
}
