using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>How cells read for people (screen and PDF).</summary>
public static class ReportFormat
{
    public static string Band(string? band) => band switch
    {
        "green" => "เขียว",
        "orange" => "ส้ม",
        "red" => "แดง",
        _ => "-",
    };

    /// <summary>A cell as people read it. The column's kind formats numbers; a text or yes/no value reads as itself
    /// in any column, and a number in a text column as a whole number (a subtotal row counts what its LAO rows
    /// say).</summary>
    public static string Cell(object? value, CellKind kind) => value switch
    {
        null => "-",
        string s => kind == CellKind.Band ? Band(s) : s,
        bool b => b ? "ใช่" : "ไม่ใช่",
        int or long when kind == CellKind.Text =>
            ThaiFormat.Number(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ when kind == CellKind.Count =>
            ThaiFormat.Number(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ when kind == CellKind.Amount =>
            ThaiFormat.Amount(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ when kind == CellKind.Score =>
            ThaiFormat.Number(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), 2),
        _ => value.ToString() ?? "",
    };
}
