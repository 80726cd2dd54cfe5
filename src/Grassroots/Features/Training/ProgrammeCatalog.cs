using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training;

/// <summary>
/// The shared catalogue of programmes every province starts from: the topics recommended in domain.md §3.3 (derived
/// from the heads' duties, ND 59/2023 and observed courses), the course for party-cell secretaries who are also heads
/// (Quảng Yên, 2017: two classes of four days), and the Party-awareness course for heads who are not Party members
/// (Hương Khê, 2022). Loaded once, with the catalog.
/// </summary>
public static class ProgrammeCatalog
{
    public const string InfoKey = "training.catalogue";
    public const string HeadsProgramme = "Bồi dưỡng kiến thức, kỹ năng hoạt động cho trưởng thôn, tổ trưởng tổ dân phố";
    public const string SecretariesProgramme = "Bồi dưỡng nghiệp vụ cho bí thư chi bộ kiêm trưởng thôn, tổ trưởng tổ dân phố";
    public const string PartyAwarenessProgramme = "Bồi dưỡng nhận thức về Đảng cho trưởng thôn, tổ trưởng tổ dân phố chưa là đảng viên";

    private sealed record Entry(string Title, TrainingType Type, string Description, (string Title, decimal Hours)[] Topics);

    private static readonly Entry[] Entries =
    [
        new(HeadsProgramme, TrainingType.CapacityBuilding,
            "Chuyên đề khuyến nghị theo nhiệm vụ, quyền hạn của trưởng thôn, tổ trưởng tổ dân phố (TT 04/2012/TT-BNV), Luật Thực hiện dân chủ ở cơ sở 2022 và NĐ 59/2023/NĐ-CP.",
        [
            ("Vị trí, vai trò, nhiệm vụ, quyền hạn của thôn, tổ dân phố và trưởng thôn, tổ trưởng tổ dân phố", 4),
            ("Luật Thực hiện dân chủ ở cơ sở năm 2022 và Nghị định 59/2023/NĐ-CP: hội nghị cộng đồng dân cư, phát phiếu lấy ý kiến, biểu quyết trực tuyến, bầu và cho thôi làm trưởng thôn", 4),
            ("Xây dựng và thực hiện hương ước, quy ước (Nghị định 61/2023/NĐ-CP)", 2),
            ("Kỹ năng điều hành cuộc họp, ghi biên bản, báo cáo với Ủy ban nhân dân cấp xã", 3),
            ("Công tác dân vận và hòa giải ở cơ sở", 3),
            ("An ninh trật tự, phòng cháy chữa cháy; phối hợp với lực lượng bảo vệ an ninh, trật tự ở cơ sở", 2),
            ("Xây dựng nông thôn mới, đô thị văn minh; tiêu chí \"Thôn, tổ dân phố văn hóa\" (Nghị định 86/2023/NĐ-CP)", 2),
            ("Giám sát đầu tư của cộng đồng; hợp đồng các công trình do nhân dân đóng góp", 2),
            ("Dữ liệu dân cư, chuyển đổi số: VNeID, dịch vụ công trực tuyến, Tổ công nghệ số cộng đồng", 3),
            ("Xây dựng chi bộ thôn, tổ dân phố (cho người kiêm bí thư chi bộ)", 2),
            ("Chính quyền địa phương hai cấp: thẩm quyền của Hội đồng nhân dân, Ủy ban nhân dân cấp xã; quy định chuyển tiếp 2025–2026", 3),
        ]),
        new(SecretariesProgramme, TrainingType.ShortTraining,
            "Tập huấn cho bí thư chi bộ kiêm trưởng thôn, khu (nhất thể hóa), theo lớp của Thị ủy Quảng Yên: hai lớp, mỗi lớp bốn ngày.",
        [
            ("Tổ chức cơ sở đảng và nhiệm vụ của chi ủy, bí thư chi bộ", 4),
            ("Chức năng, nhiệm vụ và chế độ chính sách đối với trưởng thôn, khu phố", 4),
            ("Công tác tư tưởng của chi bộ, đảng bộ cơ sở", 4),
            ("Công tác vận động nhân dân của bí thư chi bộ, trưởng thôn, khu phố", 4),
            ("Thực hiện quy chế dân chủ ở cơ sở", 4),
            ("Giám sát cộng đồng, thanh tra nhân dân", 4),
            ("Hòa giải ở cơ sở", 4),
            ("Công tác kiểm tra, giám sát, khen thưởng, kỷ luật ở chi bộ, đảng bộ cơ sở", 4),
        ]),
        new(PartyAwarenessProgramme, TrainingType.CapacityBuilding,
            "Bồi dưỡng nhận thức về Đảng cho trưởng thôn, tổ trưởng tổ dân phố chưa là đảng viên (theo Nghị quyết 21-NQ/TW ngày 16/6/2022), như lớp của Huyện ủy Hương Khê.",
        [
            ("Những vấn đề cơ bản về Đảng Cộng sản Việt Nam; tổ chức cơ sở đảng, chi bộ thôn, tổ dân phố; vai trò của người đảng viên", 4),
            ("Vai trò, trách nhiệm của trưởng thôn, tổ trưởng tổ dân phố trong lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị tại thôn, tổ dân phố", 2),
            ("Tình hình thời sự trong nước, quốc tế; chính sách mới đối với người hoạt động không chuyên trách ở thôn, tổ dân phố", 2),
        ]),
    ];

    public static async Task<bool> IsLoadedAsync(AppDb db, CancellationToken ct) => await db.CatalogInfo.AnyAsync(x => x.Key == InfoKey, ct);

    /// <summary>Adds the shared programmes (once).</summary>
    public static async Task LoadAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        if (await IsLoadedAsync(db, ct)) return;
        foreach (var entry in Entries)
            db.Programmes.Add(new Programme
            {
                Title = entry.Title, Type = entry.Type, Description = entry.Description, CreatedAt = now, UpdatedAt = now,
                Topics = [.. entry.Topics.Select((t, i) => new ProgrammeTopic { Order = i + 1, Title = t.Title, Hours = t.Hours })],
            });
        db.CatalogInfo.Add(new CatalogInfo { Key = InfoKey, Value = "2026-11-23" });
        // Reference data: one summary event, not a row per programme and topic.
        db.AuditRowsDisabled = true;
        db.Record("seed", nameof(Programme), null, $"Danh mục chương trình bồi dưỡng dùng chung: {Entries.Length} chương trình");
        await db.SaveChangesAsync(ct);
        db.AuditRowsDisabled = false;
    }
}
