using PdfSharp;
using PdfSharp.Pdf;

namespace Grassroots.Documents;

/// <summary>
/// The terms under which Grassroots uses PDFsharp. From 6.5 on, PDFsharp is offered under the AGPL 3.0 or a paid
/// commercial licence, and it refuses to create a document until the program has said which one applies. That is a
/// decision about the licence of all of Grassroots, so nothing in this folder makes it: startup calls exactly one of
/// these methods (once; repeating the same call is harmless), and until then every PDF layout throws.
/// </summary>
public static class PdfLibrary
{
    /// <summary>Uses PDFsharp under the AGPL 3.0: only right if Grassroots itself is distributed under the AGPL.</summary>
    public static void UseAgplLicence() => PdfSharpLicense.SetAgplLicense();

    /// <summary>Uses PDFsharp under a commercial licence bought from empira, given as its base64 text.</summary>
    public static void UseCommercialLicence(string licence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(licence);
        PdfSharpLicense.LoadLicense(licence);
    }

    /// <summary>A new document with the fonts registered and Vietnamese as its language.</summary>
    internal static PdfDocument CreateDocument(string title)
    {
        PdfFonts.EnsureRegistered();
        PdfDocument document;
        try
        {
            document = new PdfDocument { Language = "vi-VN" };
        }
        catch (PdfSharp.License.PdfSharpLicenseException e)
        {
            throw new InvalidOperationException(
                $"No valid PDFsharp licence has been chosen: call {nameof(PdfLibrary)}.{nameof(UseAgplLicence)}() or {nameof(UseCommercialLicence)}(…) at startup.", e);
        }
        document.Info.Title = title;
        document.Info.Creator = "Grassroots";
        return document;
    }
}
