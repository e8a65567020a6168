using System.Net;

namespace EPlanNacc.BuildingBlocks.Email;

/// <summary>The one layout of the letters the system emails to people: the same Thai letter as plain text and as
/// HTML (a greeting, paragraphs, a paragraph may carry a list, a part may be a button to an address followed by the
/// address itself, then the signature). Every module's emails use it, so that they read alike.</summary>
public static class EmailLetter
{
    public const string Signature =
        "ระบบรายงานผลและติดตามผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต (E-PlanNACC)\n" +
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)";

    /// <summary>A paragraph, followed by <see cref="Items"/> as a list when given; or (with <see cref="Url"/>) a
    /// button to that address followed by the address itself.</summary>
    public sealed record Part(string Text, string? Url = null, IReadOnlyList<string>? Items = null);

    /// <summary>The letter to <paramref name="to"/>, greeted by <paramref name="toName"/>.</summary>
    public static EmailMessage Compose(string to, string toName, string subject, IEnumerable<Part> parts)
    {
        var list = parts.ToList();
        var text = string.Join("\n\n", list.Select(TextOf));
        var html = string.Concat(list.Select(HtmlOf));
        return new EmailMessage(to, subject,
            $"""
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{H(subject)}</title></head>
            <body style="font-family:Sarabun,Tahoma,sans-serif;font-size:16px;line-height:1.6">
            <p>เรียน {H(toName)}</p>
            {html}
            <p style="color:#555">{H(Signature).Replace("\n", "<br>")}</p>
            </body></html>
            """,
            $"เรียน {toName}\n\n{text}\n\n{Signature}\n",
            toName);
    }

    private static string TextOf(Part p) => p switch
    {
        { Url: { } url } => $"{p.Text}:\n{url}",
        { Items.Count: > 0 } => $"{p.Text}\n{string.Join("\n", p.Items.Select(i => $"- {i}"))}",
        _ => p.Text,
    };

    private static string HtmlOf(Part p) => p switch
    {
        { Url: { } url } =>
            $"""<p><a href="{H(url)}" style="display:inline-block;padding:10px 18px;""" +
            """background:#0b5394;color:#fff;text-decoration:none;border-radius:6px">""" +
            $"""{H(p.Text)}</a></p>""" +
            "<p>หากปุ่มไม่ทำงาน ให้คัดลอกที่อยู่นี้ไปเปิดในเบราว์เซอร์:<br>" +
            $"""<span style="word-break:break-all">{H(url)}</span></p>""",
        { Items.Count: > 0 } =>
            $"<p>{H(p.Text)}</p><ul>{string.Concat(p.Items.Select(i => $"<li>{H(i)}</li>"))}</ul>",
        _ => $"<p>{H(p.Text)}</p>",
    };

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
