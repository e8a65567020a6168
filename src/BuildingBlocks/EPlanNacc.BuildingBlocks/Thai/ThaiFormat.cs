using System.Globalization;

namespace EPlanNacc.BuildingBlocks.Thai;

/// <summary>Formatting for people: Buddhist Era dates and baht
/// amounts. Only at display; storage stays ISO/CE.</summary>
public static class ThaiFormat
{
    public static readonly CultureInfo Culture = CreateCulture();
    public static readonly TimeZoneInfo BangkokTime = FindBangkok();

    private static readonly string[] ShortMonths =
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
    private static readonly string[] LongMonths =
        ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
            "พฤศจิกายน", "ธันวาคม"];

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("th-TH").Clone();
        culture.DateTimeFormat.Calendar = new ThaiBuddhistCalendar();
        return CultureInfo.ReadOnly(culture);
    }

    private static TimeZoneInfo FindBangkok()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok"); }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Asia/Bangkok", "ICT");
        }
    }

    public static int ToBuddhistYear(int ceYear) => ceYear + 543;
    public static int ToChristianYear(int beYear) => beYear - 543;

    /// <summary>25 พ.ย. 2569</summary>
    public static string ShortDate(DateOnly date) =>
        $"{date.Day} {ShortMonths[date.Month - 1]} {ToBuddhistYear(date.Year)}";

    /// <summary>25 พฤศจิกายน 2569</summary>
    public static string LongDate(DateOnly date) =>
        $"{date.Day} {LongMonths[date.Month - 1]} {ToBuddhistYear(date.Year)}";

    public static string MonthName(int month) => LongMonths[month - 1];

    /// <summary>A moment shown in Bangkok time: 25 พ.ย. 2569 14:05 น.</summary>
    public static string DateTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, BangkokTime);
        return $"{ShortDate(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm} น.";
    }

    /// <summary>Today in Bangkok on <paramref name="clock"/>: the application's <see cref="TimeProvider"/> from DI,
    /// never the system clock directly, so that tests set the day.</summary>
    public static DateOnly TodayInBangkok(TimeProvider clock)
    {
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), BangkokTime);
        return DateOnly.FromDateTime(now.DateTime);
    }

    /// <summary>1,234,567.00 (no unit)</summary>
    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>1,234,567.00 บาท</summary>
    public static string Baht(decimal amount) => $"{Amount(amount)} บาท";

    public static string Number(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Number(decimal value, int decimals) =>
        value.ToString(decimals == 0 ? "#,##0" : "#,##0." + new string('0', decimals), CultureInfo.InvariantCulture);

    /// <summary>ปีงบประมาณ พ.ศ. 2570</summary>
    public static string FiscalYear(int fiscalYearBe) => $"ปีงบประมาณ พ.ศ. {fiscalYearBe}";

    /// <summary>"รอบ 6 เดือน", "รอบ 12 เดือน": a reporting round (<see cref="Thai.FiscalYear.Rounds"/>).</summary>
    public static string RoundName(int round) => $"รอบ {round} เดือน";
}
