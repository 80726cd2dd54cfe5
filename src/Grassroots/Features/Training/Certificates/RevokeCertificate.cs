using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Certificates;

public sealed record RevokeCertificateInput(int CertificateId, int Version, string? Reason);

/// <summary>
/// Revokes a certificate (thu hồi) with the reason, e.g. issued by mistake; the number stays used in the register and the
/// verification page says it was revoked, when and why.
/// </summary>
public sealed class RevokeCertificate(AppDb db, TimeProvider time)
{
    public async Task<Result<Certificate>> RunAsync(RevokeCertificateInput input, CancellationToken ct)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == input.CertificateId, ct);
        if (certificate is null || !db.Access.ScopeFor(Permission.ManageCourses).Manages(certificate.CourseProvinceCode, certificate.CourseCommuneId))
            return Error.NotFound("giấy chứng nhận này");
        var reason = VietnameseText.Clean(input.Reason);
        if (reason.Length == 0) return new Error("reason_required", "Chưa nhập lý do thu hồi.", "reason");
        if (reason.Length > 500) return new Error("reason_too_long", "Lý do thu hồi dài quá 500 ký tự.", "reason");
        if (certificate.Revoked) return new Error("already_revoked", $"Giấy chứng nhận số {certificate.Number} đã bị thu hồi.", Kind: ErrorKind.Conflict);
        if (certificate.Version != input.Version)
            return Error.Conflict($"Giấy chứng nhận này vừa được người khác thay đổi (phiên bản {certificate.Version}, bạn sửa từ phiên bản {input.Version}). Hãy tải lại.");
        certificate.Revoked = true;
        certificate.RevokedReason = reason;
        certificate.RevokedAt = time.UtcNow();
        certificate.Version++;
        db.Operation = "revoke-certificate";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Giấy chứng nhận này vừa được người khác thay đổi cùng lúc. Hãy tải lại.");
        }
        return Result<Certificate>.Ok(certificate);
    }
}
