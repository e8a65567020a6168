using System.Reflection;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>
/// The authorization step of the pipeline, before validation (docs/conventions.md 15,
/// docs/adr/0004-one-home-for-the-callers-scope.md). For every message: the callers its <see cref="AllowAttribute"/>
/// accepts (403 for any other signed-in caller, and for a first set-up session unless the message allows it), then, for
/// a message that names an LAO, a project, a province (or the nation) or an account, whether it is in the caller's
/// scope (404 otherwise): the answer of the scope contract (<see cref="GetLaoInScopeQuery"/>,
/// <see cref="GetProvinceInScopeQuery"/>, <see cref="GetProvinceOrNationInScopeQuery"/>), for a project through the
/// LAO that owns it, for an account through its LAO or province. Bad input is refused only after this: a caller
/// outside the scope learns nothing from the validation messages of another's resource.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, ISender sender)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    private static readonly AllowAttribute? Rule = typeof(TMessage).GetCustomAttribute<AllowAttribute>(inherit: false);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken ct)
    {
        var rule = Rule ?? throw new InvalidOperationException(
            $"{typeof(TMessage).Name} does not say who may send it: add [Allow(...)] (an " +
            "architecture test requires it).");
        if (!rule.Callers.HasFlag(Caller.Module) && !rule.Callers.HasFlag(Caller.Anyone))
        {
            var caller = user.AsCaller() ?? throw new ForbiddenException(AccessMessages.SignInRequired);
            if (user.SetupRequired && !rule.DuringSetup) throw new ForbiddenException(AccessMessages.FinishSetupFirst);
            if (user.PasswordChangeRequired && !rule.DuringPasswordChange)
                throw new ForbiddenException(AccessMessages.ChangePasswordFirst);
            if ((rule.Callers & caller) == 0) throw new ForbiddenException(AccessMessages.RoleRefusal(rule.Callers));
            await RequireScopeAsync(message, ct);
        }
        return await next(message, ct);
    }

    private async Task RequireScopeAsync(TMessage message, CancellationToken ct)
    {
        if (message is ILaoScoped lao) await sender.Send(new GetLaoInScopeQuery(lao.DlaCode), ct);
        if (message is IProvinceScoped province)
            await sender.Send(new GetProvinceInScopeQuery(province.ProvinceCode), ct);
        if (message is IProvinceOrNationScoped area)
            await sender.Send(new GetProvinceOrNationInScopeQuery(area.ProvinceCode), ct);
        if (message is IProjectScoped project) await RequireProjectsAsync([project.ProjectId], ct);
        if (message is IProjectsScoped { ProjectIds.Count: > 0 } projects)
            await RequireProjectsAsync(projects.ProjectIds, ct);
        if (message is IAccountScoped account) await RequireAccountAsync(account.Username, ct);
    }

    private async Task RequireProjectsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var owners = await sender.Send(new ListProjectOwnersQuery(ids), ct);
        if (ids.Any(id => !owners.ContainsKey(id))) throw new NotFoundException(AccessMessages.ProjectNotFound);
        foreach (var owner in owners.Values.Distinct())
            await InScopeOr(AccessMessages.ProjectNotFound, () => sender.Send(new GetLaoInScopeQuery(owner), ct));
    }

    private async Task RequireAccountAsync(string? username, CancellationToken ct)
    {
        var owner = string.IsNullOrWhiteSpace(username)
            ? null : await sender.Send(new GetAccountOwnerQuery(username), ct);
        switch (owner)
        {
            case { DlaCode: { } dlaCode }:
                await InScopeOr(AccessMessages.AccountNotFound, () => sender.Send(new GetLaoInScopeQuery(dlaCode), ct));
                break;
            case { ProvinceCode: { } provinceCode } when owner.Role == UserRoles.Provincial:
                await InScopeOr(AccessMessages.AccountNotFound, () =>
                    sender.Send(new GetProvinceInScopeQuery(provinceCode), ct));
                break;
            case { Role: UserRoles.Admin } when user.Role == UserRole.Admin:
                break;
            default:
                throw new NotFoundException(AccessMessages.AccountNotFound);
        }
    }

    /// <summary>Runs a scope question about the LAO or province behind a resource; its refusal becomes "this
    /// resource is not found", so the answer says nothing of the LAO behind it.</summary>
    private static async Task InScopeOr<T>(string notFound, Func<ValueTask<T>> question)
    {
        try
        {
            await question();
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException or RuleViolationException)
        {
            throw new NotFoundException(notFound);
        }
    }
}
