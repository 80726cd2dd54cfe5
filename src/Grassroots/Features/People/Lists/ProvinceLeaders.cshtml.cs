using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;

namespace Grassroots.Features.People.Lists;

/// <summary>/tinh/{code}/can-bo: the leaders of every thôn and tổ dân phố of a province on a date.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ProvinceLeadersModel(AppDb db, TimeProvider time) : LeaderListPage(db, time)
{
    protected override AdminLevel Level => AdminLevel.Province;
}
