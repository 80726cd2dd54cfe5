using Grassroots.Features.Accounts;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units.Pages;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class CommuneModel(AppDb db, CurrentAccess access, TimeProvider time) : AsOfPage(time)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public AdminUnitRow Commune { get; private set; } = null!;
    public string ProvinceCode { get; private set; } = "";
    public string ProvinceName { get; private set; } = "";
    public List<UnitRow> Units { get; private set; } = [];
    public List<string> Predecessors { get; private set; } = [];
    public List<string> Successors { get; private set; } = [];
    /// <summary>Changes are recorded on communes that exist today.</summary>
    public bool IsCurrent { get; private set; }
    public bool CanView { get; private set; }
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        ResolveAsOf();
        if (await db.FindCommuneAsync(code, AsOf, ct) is not { } commune) return NotFound();
        Commune = AdminUnitQueries.ToRow(commune, commune.Parent?.Code, commune.Parent?.FullName, AsOf);
        var province = await db.AdminUnits.ValidOn(AsOf).FirstAsync(u => u.Level == AdminLevel.Province && u.Code == commune.ProvinceCode, ct);
        (ProvinceCode, ProvinceName) = (province.Code, province.FullName);
        IsCurrent = commune.IsValidOn(Today);
        CanView = access.Has(Permission.ViewUnits);
        CanEdit = access.ScopeFor(Permission.EditUnits).CoversCommune(commune.ProvinceCode, commune.Id);
        Units = await UnitQueries.InCommuneAsync(db, commune, AsOf, Q, ct);
        var links = await db.AdminUnitLineages.Where(l => l.SuccessorId == commune.Id || l.PredecessorId == commune.Id)
            .Select(l => new { l.SuccessorId, l.Kind, l.Note, Predecessor = l.Predecessor!.FullName, Successor = l.Successor!.FullName })
            .ToListAsync(ct);
        Predecessors = links.Where(l => l.SuccessorId == commune.Id).Select(l => $"{l.Predecessor ?? l.Note} ({KindName(l.Kind)})").ToList();
        Successors = links.Where(l => l.SuccessorId != commune.Id).Select(l => $"{l.Successor} ({KindName(l.Kind)})").ToList();
        return Page();
    }

    private static string KindName(AdminLineageKind kind) => kind switch
    {
        AdminLineageKind.Whole => "toàn bộ",
        AdminLineageKind.Partial => "một phần",
        AdminLineageKind.Unchanged => "giữ nguyên",
        AdminLineageKind.Renamed => "đổi tên",
        AdminLineageKind.TypeChanged => "đổi loại",
        AdminLineageKind.WholeDistrict => "toàn bộ huyện",
        _ => "sáp nhập tỉnh",
    };
}
