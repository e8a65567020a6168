using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Rules;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

public sealed class CheckPasswordHandler : IQueryHandler<CheckPasswordQuery, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(CheckPasswordQuery query, CancellationToken ct) =>
        ValueTask.FromResult(PasswordPolicy.Check(query.Password, query.Username));
}
