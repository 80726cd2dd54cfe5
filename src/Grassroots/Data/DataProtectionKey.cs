using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data;

/// <summary>A data-protection key (cookies, bearer tokens, antiforgery) kept in the database, shared by every web node.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

/// <summary>Stores data-protection keys in <c>data_protection_keys</c>, so several nodes accept each other's cookies.</summary>
public sealed class DatabaseXmlRepository(IServiceProvider services) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = services.CreateScope();
        using var db = new AppDb(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDb>>());
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = services.CreateScope();
        using var db = new AppDb(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDb>>());
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
