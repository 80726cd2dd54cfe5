using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;

namespace Grassroots.Features.People.Lists;

/// <summary>/xa/{code}/can-bo: the leaders of a commune's thôn and tổ dân phố on a date.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class CommuneLeadersModel(AppDb db, TimeProvider time) : LeaderListPage(db, time)
{
    protected override AdminLevel Level => AdminLevel.Commune;
}
