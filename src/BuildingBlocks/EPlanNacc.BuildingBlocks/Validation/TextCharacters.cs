using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;

namespace EPlanNacc.BuildingBlocks.Validation;

/// <summary>Characters no text of the application may hold, whatever the field: control characters (NUL, escape,
/// the C1 range...) other than tab, line feed and carriage return, and halves of a surrogate pair without the other
/// half. PostgreSQL cannot store a NUL byte in text (the save failed with a 500), and the others are invisible in
/// every page, PDF and Excel file. Checked for every string of every message, its nested records and lists
/// included (<see cref="Mediation.ValidationBehavior{TMessage,TResponse}"/>), before the validators.</summary>
public static class TextCharacters
{
    public const string Message = "มีอักขระที่ใช้ไม่ได้ (อักขระควบคุมหรืออักขระเสีย) กรุณาพิมพ์ข้อความใหม่";
    private const int MaxDepth = 4;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static bool IsAllowed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return false;
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i]))) return false;
            if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>One failure per string of <paramref name="message"/> that holds a character
    /// <see cref="IsAllowed"/> refuses, named by its property path ("Location.Name", "Dimensions[0].Code").</summary>
    public static IEnumerable<ValidationFailure> Failures(object message) => Walk(message, "", 0);

    private static IEnumerable<ValidationFailure> Walk(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                yield break;
            case string text:
                if (!IsAllowed(text)) yield return new ValidationFailure(path, Message);
                yield break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    foreach (var failure in Walk(entry.Value, $"{path}[{entry.Key}]", depth + 1))
                        yield return failure;
                yield break;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                    foreach (var failure in Walk(item, $"{path}[{index++}]", depth + 1))
                        yield return failure;
                yield break;
        }
        var type = value.GetType();
        if (depth >= MaxDepth || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("EPlanNacc",
                StringComparison.Ordinal) != true)
            yield break;
        foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public |
                     BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).ToArray()))
            foreach (var failure in Walk(property.GetValue(value),
                         path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1))
                yield return failure;
    }
}
