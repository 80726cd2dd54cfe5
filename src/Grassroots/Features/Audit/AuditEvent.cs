namespace Grassroots.Features.Audit;

/// <summary>
/// One change on record: who, when (UTC), from where, what entity and id, and the before/after values of the fields
/// that changed (JSON: {"Field": [before, after]}). Written in the same transaction as the change; never updated or
/// deleted by the application.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public string? UserName { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>create, update, delete, or the operation that made them (import, merge, split …), login, login_failed …</summary>
    public required string Action { get; set; }
    /// <summary>The use case that made the change (establish, merge, import …), when one did.</summary>
    public string? Operation { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Changes { get; set; }
    /// <summary>Where the record lies, for scoping the audit view: province code and commune id when known.</summary>
    public string? ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    public string? Summary { get; set; }
}
