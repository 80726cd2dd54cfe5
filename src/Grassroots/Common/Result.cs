namespace Grassroots.Common;

/// <summary>
/// An expected failure: a stable machine code (for the API's ProblemDetails), a Vietnamese message
/// for people, and optionally the field it concerns and the rule it comes from.
/// </summary>
public sealed record Error(string Code, string Message, string? Field = null, ErrorKind Kind = ErrorKind.Invalid, string? Rule = null)
{
    public static Error NotFound(string what) => new("not_found", $"Không tìm thấy {what}.", Kind: ErrorKind.NotFound);
    public static Error Conflict(string message) => new("concurrency_conflict", message, Kind: ErrorKind.Conflict);
}

public enum ErrorKind { Invalid, NotFound, Conflict, Forbidden }

/// <summary>A rule that was not broken hard enough to refuse the write, shown to the user with its source.</summary>
public sealed record RuleWarning(string Rule, string Message, string Source);

public sealed class Result<T>
{
    private Result(T? value, IReadOnlyList<Error> errors, IReadOnlyList<RuleWarning> warnings)
    {
        Value = value;
        Errors = errors;
        Warnings = warnings;
    }

    public T? Value { get; }
    public IReadOnlyList<Error> Errors { get; }
    public IReadOnlyList<RuleWarning> Warnings { get; }
    public bool Succeeded => Errors.Count == 0;

    public T ValueOrThrow => Succeeded ? Value! : throw new InvalidOperationException("Result has errors: " + Errors[0].Message);

    public static Result<T> Ok(T value, IReadOnlyList<RuleWarning>? warnings = null) => new(value, [], warnings ?? []);
    public static Result<T> Fail(params Error[] errors) => new(default, errors, []);
    public static Result<T> Fail(IReadOnlyList<Error> errors) => new(default, errors, []);

    public static implicit operator Result<T>(Error error) => Fail(error);
}
