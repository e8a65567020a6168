using FluentValidation;
using Scrutor;

namespace EPlanNacc.BuildingBlocks.Validation;

/// <summary>How a module registers its validators. One built from nothing (no constructor parameter) is made once for
/// the process: a FluentValidation validator holds only its rules and is safe to share once built, and rebuilding the
/// rules for every message showed in every page's profile (docs/adr/0038-national-pages-read-lightly.md). One that
/// takes services (the caller, the mediator) is made for each use, as before.</summary>
public static class ValidatorRegistration
{
    public static IImplementationTypeSelector AddModuleValidators(this IImplementationTypeSelector scan) =>
        scan.AddClasses(c => c.AssignableTo(typeof(IValidator<>)).Where(BuiltFromNothing), publicOnly: false)
            .AsSelfWithInterfaces().WithSingletonLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)).Where(t => !BuiltFromNothing(t)), publicOnly: false)
            .AsSelfWithInterfaces().WithTransientLifetime();

    /// <summary>Every public constructor of <paramref name="type"/> takes nothing.</summary>
    public static bool BuiltFromNothing(Type type) =>
        type.GetConstructors().All(c => c.GetParameters().Length == 0);
}
