namespace EPlanNacc.Modules.Identity.Rules;

/// <summary>At least 8 characters, not one of the common passwords shipped with the system, not the user name.
/// No other composition rules (NIST SP 800-63B).</summary>
internal static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("identity.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line) if (line.Length > 0) set.Add(line.Trim());
        return set;
    });

    public static int CommonCount => Common.Value.Count;

    public static IReadOnlyList<string> Check(string? password, string? username)
    {
        if (string.IsNullOrEmpty(password)) return ["กรุณากำหนดรหัสผ่าน"];
        var errors = new List<string>();
        if (password.Length < MinLength) errors.Add($"รหัสผ่านต้องมีอย่างน้อย {MinLength} ตัวอักษร");
        else if (password.Length > MaxLength) errors.Add($"รหัสผ่านยาวได้ไม่เกิน {MaxLength} ตัวอักษร");
        else if (Common.Value.Contains(password))
            errors.Add("รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปและคาดเดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น");
        else if (!string.IsNullOrEmpty(username)
            && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase))
            errors.Add("รหัสผ่านต้องไม่มีชื่อผู้ใช้งานหรือรหัส อปท. อยู่ในนั้น");
        return errors;
    }
}
