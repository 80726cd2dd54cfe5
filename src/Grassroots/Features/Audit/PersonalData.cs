namespace Grassroots.Features.Audit;

/// <summary>
/// Which recorded fields identify a person, and how they are shown to users without
/// <see cref="Accounts.Permission.ViewPersonalIdentifiers"/>: the first and last two characters around a fixed mask,
/// so that the length is not given away either.
/// </summary>
public static class PersonalData
{
    public const string MaskText = "****";

    private static readonly HashSet<string> OnAnyEntity =
        new(["NationalId", "IdentityNumber", "DateOfBirth", "BirthDate", "Phone", "PhoneNumber"], StringComparer.Ordinal);

    private static readonly HashSet<(string Entity, string Field)> OnEntity =
    [
        (nameof(Accounts.AppUser), nameof(Accounts.AppUser.Email)),
        (nameof(Accounts.AppUser), nameof(Accounts.AppUser.PhoneNumber)),
    ];

    public static bool IsPersonal(string entityType, string field) => OnAnyEntity.Contains(field) || OnEntity.Contains((entityType, field));

    /// <summary>"0912345678" → "09****78"; six characters or fewer → "****"; nothing stays nothing.</summary>
    public static string? Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        return value.Length <= 6 ? MaskText : value[..2] + MaskText + value[^2..];
    }
}
