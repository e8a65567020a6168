namespace EPlanNacc.TestSupport;

/// <summary>Marks a test class whose tests do not depend on the day of the test clock (who may call what, attacks on
/// sign-in and uploads, faults, the printer, load): <c>[Trait(AnyDay.Trait, AnyDay.Value)]</c>. scripts/test runs
/// them on the default day only, and every other integration test on the extra days too
/// (<c>--filter Days!=any</c>), which keeps the suite within its time.</summary>
public static class AnyDay
{
    public const string Trait = "Days";
    public const string Value = "any";
}
