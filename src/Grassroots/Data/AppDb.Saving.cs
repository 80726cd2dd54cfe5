using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Grassroots.Data;

public sealed partial class AppDb
{
    /// <summary>The use case making the current changes (establish, merge, import …): recorded with them in the audit trail.</summary>
    public string? Operation { get; set; }

    /// <summary>
    /// Bulk loads of reference and demo data (catalog, demo province) are recorded as one summary event
    /// instead of one per row; nothing a user does turns this off.
    /// </summary>
    internal bool AuditRowsDisabled { get; set; }

    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEvent), typeof(DataProtectionKey), typeof(CatalogInfo), typeof(Features.People.TenureWarning),
        // Anonymous by design: an audit row would say who gave which rating.
        typeof(Features.Training.FeedbackAnswer),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<int>),
    ];

    /// <summary>Secrets and bookkeeping never written to the audit trail.</summary>
    private static readonly HashSet<string> NotAuditedFields =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "SearchName", "NameKey", "Path", "SortKey"];

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        CheckWrites();
        if (Audited().Any())
            throw new InvalidOperationException("Audited changes are saved with SaveChangesAsync, which writes the audit trail in the same transaction.");
        var reach = ChangesReach();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            if (reach) ReachChanged();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Runtime.CompilerServices.StrongBox<long>> ReachChangesByDatabase = new();

    private System.Runtime.CompilerServices.StrongBox<long> ReachCounter =>
        ReachChangesByDatabase.GetOrAdd(Database.GetConnectionString() ?? "", _ => new System.Runtime.CompilerServices.StrongBox<long>());

    /// <summary>
    /// How many saves in this process have changed a user, a grant, a residential unit or the administrative catalog of
    /// this database: what the caches of signed-in users' grants (<see cref="SignedInUsers"/>) and of the catalog's units
    /// by code compare to know that what they hold may be stale. Counted also after a failed save: reading again costs
    /// one command, a stale entry a wrong answer.
    /// </summary>
    public long ReachChanges => Interlocked.Read(ref ReachCounter.Value);

    private void ReachChanged() => Interlocked.Increment(ref ReachCounter.Value);

    private bool ChangesReach() => ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && e.Entity is AppUser or UserGrant or ResidentialUnit or AdminUnit or AdminUnitTypeChange);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        CheckWrites();
        var pending = AuditRowsDisabled ? [] : Audited().Select(Capture).ToList();
        var reach = ChangesReach();
        try
        {
            return pending.Count == 0
                ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                : await SaveAuditedAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            if (reach) ReachChanged();
        }
    }

    private async Task<int> SaveAuditedAsync(List<PendingAudit> pending, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // Keys of added rows are known now.
            AuditEvents.AddRange(pending.Select(p => p.ToEvent(this)));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Records an event that is not a row change (login, failed login, seed …) in the audit trail.</summary>
    public void Record(string action, string entityType, string? entityId, string? summary, string? provinceCode = null) =>
        AuditEvents.Add(NewEvent(action, entityType, entityId, null, summary, provinceCode, null));

    private IEnumerable<EntityEntry> Audited() => ChangeTracker.Entries()
        .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !NotAudited.Contains(e.Metadata.ClrType));

    private AuditEvent NewEvent(string action, string entityType, string? entityId, string? changes, string? summary, string? provinceCode, int? communeId) => new()
    {
        At = Time.GetUtcNow().UtcDateTime, UserId = Access.UserId, UserName = Access.IsSystem ? "(hệ thống)" : Access.UserName, IpAddress = Access.IpAddress,
        Action = action, Operation = Operation, EntityType = entityType, EntityId = entityId, Changes = changes, Summary = summary,
        ProvinceCode = provinceCode, CommuneId = communeId,
    };

    /// <summary>
    /// Refuses writes outside the user's scope (answered as "not found"), and any change to the audit trail.
    /// The system (start-up, command line) may write everywhere.
    /// </summary>
    private void CheckWrites()
    {
        foreach (var entry in ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                CheckWrite(entry.Entity, entry.State, entry.State == EntityState.Added ? null : entry.OriginalValues);
    }

    /// <summary>Refuses one write outside the user's scope; <paramref name="original"/> holds the values before a change.</summary>
    private void CheckWrite(object entity, EntityState state, PropertyValues? original)
    {
        if (entity is AuditEvent && state != EntityState.Added)
            throw new InvalidOperationException("The audit trail cannot be changed or deleted.");
        if (Access.IsSystem) return;
        var edit = Access.ScopeFor(Permission.EditUnits);
        switch (entity)
        {
            case ResidentialUnit unit:
                Require(edit.Covers(unit.ProvinceCode, unit.CurrentCommuneId, unit.Id) &&
                        (original is null || edit.Covers((string)original[nameof(ResidentialUnit.ProvinceCode)]!,
                            (int)original[nameof(ResidentialUnit.CurrentCommuneId)]!, unit.Id)));
                break;
            case ResidentialUnitPeriod period:
                Require(edit.Covers(period.ProvinceCode, period.CommuneId, period.UnitId));
                break;
            case UnitEvent or UnitLineage:
                Require(!edit.IsEmpty);
                break;
            case Features.People.Person person:
                var editPeople = Access.ScopeFor(Permission.EditPeople);
                Require(editPeople.Covers(person.ProvinceCode, person.CommuneId, person.ResidenceUnitId ?? 0) &&
                        (original is null || editPeople.Covers((string)original[nameof(Features.People.Person.ProvinceCode)]!,
                            (int)original[nameof(Features.People.Person.CommuneId)]!, (int?)original[nameof(Features.People.Person.ResidenceUnitId)] ?? 0)));
                break;
            case Features.People.Tenure tenure:
                Require(Access.ScopeFor(Permission.EditPeople).Covers(tenure.ProvinceCode, tenure.CommuneId, tenure.UnitId));
                break;
            case Features.People.TenureWarning:
                Require(!Access.ScopeFor(Permission.EditPeople).IsEmpty);
                break;
            case UserGrant grant:
                var manage = Access.ScopeFor(Permission.ManageUsers);
                Require(!manage.IsEmpty && (manage.All || grant.AdminUnitId is not null || grant.ResidentialUnitId is not null));
                break;
            case AdminUnit or AdminUnitTypeChange or AdminUnitLineage or Features.Units.ProvinceUnitRules:
                Require(Access.ScopeFor(Permission.ManageUsers).All);
                break;
            default:
                CheckTrainingWrite(entity);
                break;
        }
    }

    private static void Require(bool allowed)
    {
        if (!allowed) throw new OutOfScopeException("The change reaches outside the user's scope.");
    }

    /// <summary>Readable JSON: Vietnamese letters as they are, enums by name.</summary>
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static PendingAudit Capture(EntityEntry entry)
    {
        var changes = new List<(string, object?, object?)>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (NotAuditedFields.Contains(name)) continue;
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null && !property.Metadata.IsPrimaryKey():
                    changes.Add((name, null, property.CurrentValue));
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes.Add((name, property.OriginalValue, property.CurrentValue));
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes.Add((name, property.OriginalValue, null));
                    break;
            }
        }
        var action = entry.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" };
        return new PendingAudit(entry, action, ChangesJson(changes));
    }

    private static readonly JsonWriterOptions AuditWriter = new() { Encoder = AuditJson.Encoder };

    /// <summary>
    /// {"Field": [before, after], …}: the changes of one row as the audit trail keeps them. Written straight to a JSON
    /// writer — a bulk insert writes one per row —, the common value types by hand and the others (dates and times)
    /// by the serializer, with the same options, so the text is what serializing the dictionary gives.
    /// </summary>
    internal static string ChangesJson(IEnumerable<(string Name, object? Before, object? After)> changes)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, AuditWriter))
        {
            writer.WriteStartObject();
            foreach (var (name, before, after) in changes)
            {
                writer.WriteStartArray(name);
                WriteValue(writer, before);
                WriteValue(writer, after);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case Enum when Enum.IsDefined(value.GetType(), value): writer.WriteStringValue(value.ToString()); break;
            default: JsonSerializer.Serialize(writer, value, value.GetType(), AuditJson); break;
        }
    }

    private sealed record PendingAudit(EntityEntry Entry, string Action, string Changes)
    {
        public AuditEvent ToEvent(AppDb db)
        {
            var key = Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Entry.Property(p.Name).CurrentValue?.ToString());
            string? Text(string name) => Entry.Metadata.FindProperty(name) is null ? null : Entry.Property(name).CurrentValue as string;
            int? Int(string name) => Entry.Metadata.FindProperty(name) is null ? null : Entry.Property(name).CurrentValue as int?;
            return db.NewEvent(Action, Entry.Metadata.ClrType.Name, string.Join("/", key), Changes, null,
                Text("ProvinceCode"), Int("CurrentCommuneId") ?? Int("CommuneId"));
        }
    }
}
