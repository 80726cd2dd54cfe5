using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>
/// The free places of a course and its classes, from every enrolled row (whoever may see them): a course's capacity
/// counts everyone enrolled, a class's those in it; no capacity means no limit. The waiting list is served in the order
/// people joined it (row order, which for a rule's enrolment is the Vietnamese order of names).
/// </summary>
public sealed class Seats
{
    private readonly AppDb _db;
    private readonly Course _course;
    private readonly Dictionary<int, int> _inClass;
    private int _enrolled;

    private Seats(AppDb db, Course course, Dictionary<int, int> inClass)
    {
        _db = db;
        _course = course;
        _inClass = inClass;
        _enrolled = inClass.Values.Sum();
    }

    /// <summary>Counts as stored (0 stands for "no class"); <paramref name="course"/> must have its classes loaded.</summary>
    public static async Task<Seats> LoadAsync(AppDb db, Course course, CancellationToken ct)
    {
        var counts = await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == course.Id && e.Status == EnrolmentStatus.Enrolled)
            .GroupBy(e => e.ClassId).Select(g => new { ClassId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new Seats(db, course, counts.ToDictionary(c => c.ClassId ?? 0, c => c.Count));
    }

    public int Enrolled => _enrolled;

    public bool HasRoom(int? classId)
    {
        if (_course.Capacity is { } capacity && _enrolled >= capacity) return false;
        if (classId is not { } id || _course.Classes.FirstOrDefault(c => c.Id == id)?.Capacity is not { } classCapacity) return true;
        return _inClass.GetValueOrDefault(id) < classCapacity;
    }

    /// <summary>Takes a place in the course (and class) if there is one.</summary>
    public bool TryTake(int? classId)
    {
        if (!HasRoom(classId)) return false;
        _enrolled++;
        _inClass[classId ?? 0] = _inClass.GetValueOrDefault(classId ?? 0) + 1;
        return true;
    }

    /// <summary>Gives back the place of someone who leaves the enrolled list.</summary>
    public void Release(int? classId)
    {
        _enrolled--;
        _inClass[classId ?? 0] = _inClass.GetValueOrDefault(classId ?? 0) - 1;
    }

    /// <summary>Moves people up from the waiting list, first come first served, while their course and class have room; returns their names.</summary>
    public async Task<List<string>> PromoteAsync(DateTime now, CancellationToken ct)
    {
        if (_course.Capacity is { } capacity && _enrolled >= capacity) return [];
        var waiting = await _db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == _course.Id && e.Status == EnrolmentStatus.Waiting).OrderBy(e => e.Id)
            .Select(e => new { Enrolment = e, Name = e.Person != null ? e.Person.FullName : e.ExternalName }).ToListAsync(ct);
        var promoted = new List<string>();
        foreach (var w in waiting)
        {
            // A row changed in this unit of work (withdrawn, moved) is no longer what the database says.
            if (w.Enrolment.Status != EnrolmentStatus.Waiting || !TryTake(w.Enrolment.ClassId)) continue;
            w.Enrolment.Status = EnrolmentStatus.Enrolled;
            w.Enrolment.Touch(now);
            promoted.Add(w.Name ?? "");
            if (_course.Capacity is { } full && _enrolled >= full) break;
        }
        return promoted;
    }

    /// <summary>"30/40 chỗ" or "không giới hạn".</summary>
    public static string CapacityText(int enrolled, int? capacity) =>
        capacity is { } c ? $"{VietnameseText.FormatNumber(enrolled)}/{VietnameseText.FormatNumber(c)} chỗ" : "không giới hạn số chỗ";
}
