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

    public static string Cell(object? value, CellKind kind) => value switch
    {
        null => "-",
        _ when kind == CellKind.Count => ThaiFormat.Number(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ when kind == CellKind.Amount => ThaiFormat.Amount(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ when kind == CellKind.Score => ThaiFormat.Number(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), 2),
        _ when kind == CellKind.Band => Band(value as string),
        bool b => b ? "ใช่" : "ไม่ใช่",
        _ => value.ToString() ?? "",
    };
}
