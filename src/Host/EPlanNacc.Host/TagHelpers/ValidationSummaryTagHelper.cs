using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EPlanNacc.Host.TagHelpers;

/// <summary>ASP.NET's validation summary keeps an empty list item with an inline <c>style="display:none"</c> for
/// client-side validation libraries we do not use; the Content-Security-Policy refuses that inline style
/// (docs/adr/0023-security-headers.md). After the framework's tag helper has run, this one removes the hidden item
/// and writes nothing at all when no message is left to show.</summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryTagHelper : TagHelper
{
    /// <summary>What Microsoft.AspNetCore.Mvc.ViewFeatures.DefaultHtmlGenerator writes for an empty list.</summary>
    internal const string HiddenListItem = "<li style=\"display:none\"></li>";

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var list = output.PostContent.GetContent();
        if (!list.Contains(HiddenListItem, StringComparison.Ordinal)) return;
        var rest = list.Replace(HiddenListItem, "", StringComparison.Ordinal);
        if (!rest.Contains("<li", StringComparison.Ordinal) && output.Content.IsEmptyOrWhiteSpace)
        {
            output.SuppressOutput();
            return;
        }
        output.PostContent.SetHtmlContent(rest);
    }
}
