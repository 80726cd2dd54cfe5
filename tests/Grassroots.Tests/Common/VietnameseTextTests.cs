using Grassroots.Common;

namespace Grassroots.Tests.Common;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Xã Lý Bôn", "xã Lý Bôn")]
    [InlineData("Phường Ba Đình", "phường Ba Đình")]
    [InlineData("Đặc khu Côn Đảo", "đặc khu Côn Đảo")]
    [InlineData("", "")]
    public void LowerFirst_lowers_only_the_first_letter_as_a_name_reads_inside_a_sentence(string name, string expected) =>
        Assert.Equal(expected, VietnameseText.LowerFirst(name));
}
