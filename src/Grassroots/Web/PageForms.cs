using System.Text;
using Grassroots.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Web;

/// <summary>The one place where expected failures become page feedback: ModelState errors next to fields, warnings as a flash.</summary>
public static class PageForms
{
    /// <summary>Adds errors under "Input.&lt;Field&gt;" ("decision.date" → "Input.DecisionDate", "parts[0].name" → "Input.Parts[0].Name").</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<Error> errors, string prefix = "Input")
    {
        foreach (var error in errors)
            modelState.AddModelError(error.Field is null ? "" : prefix + "." + FieldKey(error.Field), error.Message);
    }

    private static string FieldKey(string field)
    {
        var sb = new StringBuilder(field.Length);
        var upper = true;
        foreach (var c in field)
        {
            if (c == '.' && sb.Length > 0 && sb[^1] != ']') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = c is '.';
        }
        return sb.ToString();
    }

    /// <summary>Post/Redirect/Get: on failure the form again with its errors; on success a flash (with warnings) and a redirect.</summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult Finish<T>(this PageModel page, Result<T> result, Func<T, string> message, Func<T, string> redirectTo)
    {
        if (!result.Succeeded)
        {
            page.ModelState.AddErrors(result.Errors);
            return page.Page();
        }
        page.Flash(message(result.Value!), result.Warnings);
        return new Microsoft.AspNetCore.Mvc.RedirectResult(redirectTo(result.Value!));
    }

    public static void Flash(this PageModel page, string message, IReadOnlyList<RuleWarning>? warnings = null)
    {
        page.TempData["Flash"] = message;
        if (warnings is { Count: > 0 })
            page.TempData["Warnings"] = string.Join("\n", warnings.Select(w => $"{w.Message} ({w.Rule} — {w.Source})"));
    }

    /// <summary>Vietnamese messages for model binding failures (text where a number belongs, a missing value …).</summary>
    public static void UseVietnameseMessages(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"Giá trị \"{value}\" không hợp lệ cho trường {field}.");
        p.SetMissingBindRequiredValueAccessor(field => $"Chưa nhập {field}.");
        p.SetMissingKeyOrValueAccessor(() => "Chưa nhập giá trị.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu dữ liệu gửi lên.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị \"{value}\" không hợp lệ.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Phải nhập một số.");
        p.SetUnknownValueIsInvalidAccessor(field => $"Giá trị của {field} không hợp lệ.");
        p.SetValueIsInvalidAccessor(value => $"Giá trị \"{value}\" không hợp lệ.");
        p.SetValueMustBeANumberAccessor(field => $"{field} phải là một số.");
        p.SetValueMustNotBeNullAccessor(field => $"Chưa nhập {field}.");
    }
}
