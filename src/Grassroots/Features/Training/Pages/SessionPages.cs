using Grassroots.Data;
using Grassroots.Features.Training.Courses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>A page with the session form: the course, its classes and its programme's topics.</summary>
public abstract class SessionFormPage(AppDb db) : PageModel
{
    [BindProperty]
    public SessionForm Input { get; set; } = new();

    public CourseRow Course { get; private set; } = null!;
    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];
    public IReadOnlyList<TopicRow> Topics { get; private set; } = [];

    protected AppDb Db => db;

    /// <summary>Loads the course when the user manages it; false otherwise (answered "not found").</summary>
    protected async Task<bool> LoadCourseAsync(int courseId, CancellationToken ct)
    {
        if (await CourseQueries.DetailAsync(db, courseId, ct) is not { } detail || !TrainingPages.CanManage(db, detail.Course)) return false;
        Course = detail.Course;
        Classes = detail.Classes;
        Topics = (await CourseQueries.ProgrammesAsync(db, ct, detail.Course.ProgrammeId)).Single().Topics;
        return true;
    }
}
