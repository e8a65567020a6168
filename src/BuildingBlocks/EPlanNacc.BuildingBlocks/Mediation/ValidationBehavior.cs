using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using Mediator;

namespace EPlanNacc.BuildingBlocks.Mediation;

/// <summary>Runs every FluentValidation validator of the message before its handler; the failures (with their
/// Thai messages) leave as one <see cref="ValidationException"/>, so nothing is changed by bad input. A text that
/// holds a character no text may hold (<see cref="TextCharacters"/>) is refused first, whatever the message.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var characters = TextCharacters.Failures(message).ToList();
        if (characters.Count > 0) throw new ValidationException(characters);
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            if (!result.IsValid) (failures ??= []).AddRange(result.Errors);
        }
        if (failures is { Count: > 0 }) throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}
