using System.Globalization;
using System.Text.RegularExpressions;

namespace EPlanNacc.BuildingBlocks.Thai;

/// <summary>A day as people type it on the forms: day/month/year of the Buddhist Era (<c>30/04/2570</c>), and back.
/// Storage stays a <see cref="DateOnly"/> of the Christian Era.</summary>
public static partial class BuddhistDate
{
    /// <summary>The placeholder and example of a date field.</summary>
    public const string Hint = "วว/ดด/ปปปป (พ.ศ.)";

    /// <summary>The pattern of a date field, for the browser (the whole value; the server reads the same).</summary>
    public const string ClientPattern = @"\s*[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\s*";

    public const string FormatMessage = "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 30/04/2570";
    public const string YearMessage = "กรุณากรอกปีเป็นปีพุทธศักราช (พ.ศ.) 4 หลัก เช่น 2570";
    public const string NoSuchDayMessage = "ไม่มีวันที่นี้ในปฏิทิน กรุณาตรวจสอบวันและเดือน";

    /// <summary>The earliest and latest BE years a form accepts (a CE year such as 2027 is refused, not read as
    /// 2027 BE).</summary>
    public const int EarliestYear = 2500;
    public const int LatestYear = 2700;

    /// <summary>30/04/2570</summary>
    public static string Format(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{date.Day:00}/{date.Month:00}/{ThaiFormat.ToBuddhistYear(date.Year)}");

    /// <summary>Reads <c>d/m/yyyy</c> (BE; <c>-</c> or <c>.</c> also separate). Returns false with a Thai
    /// <paramref name="error"/> for anything else, a year outside <see cref="EarliestYear"/> to
    /// <see cref="LatestYear"/> or a day that does not exist.</summary>
    public static bool TryParse(string? text, out DateOnly date, out string? error)
    {
        date = default;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            error = FormatMessage;
            return false;
        }
        var (day, month, year) = (Number(match, "d"), Number(match, "m"), Number(match, "y"));
        if (year is < EarliestYear or > LatestYear)
        {
            error = YearMessage;
            return false;
        }
        var ceYear = ThaiFormat.ToChristianYear(year);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(ceYear, month))
        {
            error = NoSuchDayMessage;
            return false;
        }
        date = new DateOnly(ceYear, month, day);
        error = null;
        return true;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<d>[0-9]{1,2})\s*[/.\-]\s*(?<m>[0-9]{1,2})\s*[/.\-]\s*(?<y>[0-9]{4})\s*$")]
    private static partial Regex Pattern();
}
